/** What a member's presence dot shows: while my own connection is lost, nobody's is known. */
export type PresenceShown = 'online' | 'offline' | 'unknown';

export function presenceShown(memberOnline: boolean, myConnectionLive: boolean): PresenceShown {
  if (!myConnectionLive) return 'unknown';
  return memberOnline ? 'online' : 'offline';
}
