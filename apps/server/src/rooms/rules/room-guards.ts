import { isVotingMember } from '@poker/shared';
import { conflict, forbidden } from '../../errors/domain.error';
import type { Actor } from './actor';
import { memberOf, type MemberRow, type RoomAggregate } from './room-aggregate';

/**
 * The preconditions transitions share. A refusal is a thrown DomainError: its code and message
 * are what the person acting gets back, and nothing was written.
 */

/** The actor's membership, or FORBIDDEN: only members act in a room. */
export function requireMember(aggregate: RoomAggregate, actor: Actor): MemberRow {
  const member = memberOf(aggregate, actor.accountId);
  if (!member) throw forbidden('Join the room first.');
  return member;
}

/** FORBIDDEN unless the actor owns the room. */
export function requireOwner(aggregate: RoomAggregate, actor: Actor, action: string): void {
  if (aggregate.room.ownerAccountId !== actor.accountId) {
    throw forbidden(`Only the room owner can ${action}.`);
  }
}

/**
 * Whether the account may run the room's facilitator actions: the owner, or a member the owner
 * granted them (ARCHITECTURE.md "Facilitation" lists which actions).
 */
export function isFacilitator(aggregate: RoomAggregate, accountId: string): boolean {
  const { room } = aggregate;
  return room.ownerAccountId === accountId || room.facilitatorAccountIds.includes(accountId);
}

/** FORBIDDEN unless the actor owns the room or is one of its co-facilitators. */
export function requireFacilitator(aggregate: RoomAggregate, actor: Actor, action: string): void {
  if (!isFacilitator(aggregate, actor.accountId)) {
    throw forbidden(`Only the room owner or a co-facilitator can ${action}.`);
  }
}

/** CONFLICT unless an issue is being estimated. */
export function requireCurrentIssue(aggregate: RoomAggregate): string {
  const key = aggregate.room.currentIssueKey;
  if (!key) throw conflict('Select an issue first.');
  return key;
}

/**
 * The round number a fresh round of `issueKey` gets: one past any round of it in memory. For
 * another issue than the current one the store raises it past the rounds it holds on disk.
 */
export function nextRoundFor(aggregate: RoomAggregate, issueKey: string): number {
  const fromVotes = aggregate.votes
    .filter((vote) => vote.issueKey === issueKey)
    .reduce((max, vote) => Math.max(max, vote.round), 0);
  const current = aggregate.room.currentIssueKey === issueKey ? aggregate.room.round : 0;
  return Math.max(fromVotes, current) + 1;
}

/**
 * Whether every online member who votes has a card in the round (auto-reveal); the owner
 * counts only while `ownerVotes` is on. The client's "N of M voted" is the same rule
 * (`votingProgress` in libs/shared).
 */
export function everyOnlineVoterVoted(
  members: readonly MemberRow[],
  voted: ReadonlySet<string>,
  online: ReadonlySet<string>,
  ownerVotes: boolean,
): boolean {
  const voters = members.filter(
    (m) => isVotingMember(m.role, ownerVotes) && online.has(m.accountId),
  );
  return voters.length > 0 && voters.every((m) => voted.has(m.accountId));
}
