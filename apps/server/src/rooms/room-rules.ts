import { conflict, forbidden } from '../errors/domain.error';
import type { JiraCaller } from '../jira/jira-credentials';
import type { RoomAggregate } from './room-aggregate';
import type { RoomMember } from './room-member.entity';

/**
 * Who is acting: the tenant and the person their token names. On Forge `jira` carries the
 * person's own Jira token, so Jira calls made for them run with their permissions.
 */
export interface Actor extends JiraCaller {
  tenantId: string;
  accountId: string;
}

/** The actor's membership, or FORBIDDEN: only members act in a room. */
export function requireMember(aggregate: RoomAggregate, actor: Actor): RoomMember {
  const member = aggregate.members.find((m) => m.accountId === actor.accountId);
  if (!member) throw forbidden('Join the room first.');
  return member;
}

/** FORBIDDEN unless the actor owns the room. */
export function requireOwner(aggregate: RoomAggregate, actor: Actor, action: string): void {
  if (aggregate.room.ownerAccountId !== actor.accountId) {
    throw forbidden(`Only the room owner can ${action}.`);
  }
}

/** CONFLICT unless an issue is being estimated. */
export function requireCurrentIssue(aggregate: RoomAggregate): string {
  const key = aggregate.room.currentIssueKey;
  if (!key) throw conflict('Select an issue first.');
  return key;
}

/** The round number a fresh round of `issueKey` gets: one past any round it already had. */
export function nextRoundFor(aggregate: RoomAggregate, issueKey: string, knownMax = 0): number {
  const fromVotes = aggregate.votes
    .filter((vote) => vote.issueKey === issueKey)
    .reduce((max, vote) => Math.max(max, vote.round), 0);
  const current = aggregate.room.currentIssueKey === issueKey ? aggregate.room.round : 0;
  return Math.max(fromVotes, current, knownMax) + 1;
}

/** Whether every online member who votes has a card in the round (auto-reveal). */
export function everyOnlineVoterVoted(
  members: readonly RoomMember[],
  voted: ReadonlySet<string>,
  online: ReadonlySet<string>,
): boolean {
  const voters = members.filter((m) => m.role !== 'observer' && online.has(m.accountId));
  return voters.length > 0 && voters.every((m) => voted.has(m.accountId));
}
