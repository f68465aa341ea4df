import type { MemberNudgedPayload } from '@poker/shared';
import { useEffect, useState } from 'react';
import { Button } from '../../components/button';
import { PersonName } from '../../components/person';
import { usePoker } from '../../socket/poker-context';

/** How long the cue stays before it fades by itself. */
const SHOWN_MS = 15_000;

/**
 * The polite cue a facilitator's nudge puts in the window of a member who has not voted yet:
 * who asks, no sound, no modal; it goes away by itself, on dismiss, or once a card is played.
 */
export function NudgeNotice({ roomId, hasVoted }: { roomId: string; hasVoted: boolean }) {
  const { socket } = usePoker();
  const [nudge, setNudge] = useState<MemberNudgedPayload | null>(null);

  useEffect(() => {
    const onNudged = (payload: MemberNudgedPayload) => {
      if (payload.roomId === roomId) setNudge(payload);
    };
    socket.on('member:nudged', onNudged);
    return () => {
      socket.off('member:nudged', onNudged);
    };
  }, [roomId, socket]);

  useEffect(() => {
    if (!nudge) return;
    const timer = setTimeout(() => setNudge(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [nudge]);

  useEffect(() => {
    if (hasVoted) setNudge(null);
  }, [hasVoted]);

  if (!nudge) return null;
  return (
    <div
      className="section-message section-message--info nudge"
      role="status"
      data-testid="nudge-notice"
    >
      <span aria-hidden="true">👋</span>
      <span>
        <PersonName accountId={nudge.byAccountId} /> is waiting for your card, whenever you are
        ready.
      </span>
      <Button appearance="subtle" compact onClick={() => setNudge(null)}>
        Dismiss
      </Button>
    </div>
  );
}
