import type { RoomSnapshot } from '@poker/shared';
import { conflict, notFound } from '../../errors/domain.error';
import type { RoomAggregate, RoomRow, VoteRow } from './room-aggregate';

/** What of a change's writes (room-writes.ts `RoomWrites`) can touch the async cards. */
export interface AsyncTouchingWrites {
  readonly votes: readonly {
    issueKey: string;
    round: number;
    accountId: string;
    value: string | null;
  }[];
  readonly removedMembers: readonly string[];
  readonly removedIssues: readonly string[];
  readonly erasedAccount: string | undefined;
  readonly otherIssueStarted: boolean;
  readonly promotedAsync: string | undefined;
  readonly droppedAsync: { issueKey: string | null } | undefined;
  readonly shelvedRound: { issueKey: string; round: number } | undefined;
}

/**
 * Async voting (ARCHITECTURE.md "Async voting"): while a room is open for it, voters play cards
 * on queued issues other than the one in play. Those cards are ordinary `vote` rows numbered
 * ASYNC_ROUND: a round no issue ever plays (rounds start at 1), so they never mix with a
 * played round, its history or its statistics. When the issue's round starts (selected,
 * auto-advance, skip) they become that round's hidden cards; accepting an agreed issue makes
 * them its next revealed round. The room, an erased account, a removed issue and a removed
 * member take them with the other votes.
 */
export const ASYNC_ROUND = 0;

const NONE: readonly VoteRow[] = [];

/** The room's async cards (on issues other than the one in play). */
export function asyncVotesOf(aggregate: RoomAggregate): readonly VoteRow[] {
  return aggregate.asyncVotes ?? NONE;
}

/**
 * The queue entry an async card may go on: queued, not saved, not the issue in play (whose
 * round takes ordinary votes). CONFLICT while the room is closed for async voting.
 */
export function requireAsyncIssue(aggregate: RoomAggregate, issueKey: string): void {
  if (!aggregate.room.asyncVoting) {
    throw conflict('This room is not open for voting ahead; a facilitator can open it.');
  }
  const issue = aggregate.issues.find((i) => i.issueKey === issueKey);
  if (!issue) throw notFound(`Issue ${issueKey} in this room's queue`);
  if (issue.savedAt !== null) {
    throw conflict(`${issueKey} is already estimated; it takes no more votes.`);
  }
}

// Derived views, computed once per `asyncVotes` array: an ordinary vote keeps the same array
// (applyWrites hands it on untouched), so it never recomputes them.
const votedMemo = new WeakMap<readonly VoteRow[], Record<string, string[]>>();
const cardsMemo = new WeakMap<readonly VoteRow[], ReadonlyMap<string, Record<string, string>>>();
const NO_CARDS: ReadonlyMap<string, Record<string, string>> = new Map();

/** Per issue, who holds an async card (account IDs in account order); empty: nobody. */
export function asyncVoted(aggregate: RoomAggregate): Record<string, string[]> {
  const votes = asyncVotesOf(aggregate);
  let voted = votedMemo.get(votes);
  if (!voted) {
    voted = {};
    for (const vote of votes) (voted[vote.issueKey] ??= []).push(vote.accountId);
    for (const list of Object.values(voted)) list.sort();
    votedMemo.set(votes, voted);
  }
  return voted;
}

/** The snapshot's shared async-voting fields: the switch, and who voted ahead on what. */
export function asyncFields(
  aggregate: RoomAggregate,
): Pick<RoomSnapshot, 'asyncVoting' | 'asyncVoted'> {
  const { asyncVoting } = aggregate.room;
  return aggregate.asyncVotes?.length
    ? { asyncVoting, asyncVoted: asyncVoted(aggregate) }
    : { asyncVoting };
}

/** Each account's own async cards by issue key, to hand back to that account alone. */
export function myAsyncCards(
  aggregate: RoomAggregate,
): ReadonlyMap<string, Record<string, string>> {
  const votes = asyncVotesOf(aggregate);
  if (votes.length === 0) return NO_CARDS;
  let cards = cardsMemo.get(votes);
  if (!cards) {
    const byAccount = new Map<string, Record<string, string>>();
    for (const vote of votes) {
      const own = byAccount.get(vote.accountId) ?? {};
      own[vote.issueKey] = vote.value;
      byAccount.set(vote.accountId, own);
    }
    cards = byAccount;
    cardsMemo.set(votes, cards);
  }
  return cards;
}

/** Whether `writes` can change the async cards at all (cheap: an ordinary vote says no). */
function touchesAsync(writes: AsyncTouchingWrites): boolean {
  return (
    writes.otherIssueStarted ||
    writes.removedMembers.length > 0 ||
    writes.removedIssues.length > 0 ||
    writes.erasedAccount !== undefined ||
    writes.promotedAsync !== undefined ||
    writes.droppedAsync !== undefined ||
    writes.shelvedRound !== undefined ||
    writes.votes.some((vote) => vote.round === ASYNC_ROUND)
  );
}

/**
 * The async cards after `writes` (applyWrites' part for them); the same array when nothing
 * touches them. A round of another issue starting takes that issue's cards into `votes` as
 * its round's hidden cards (the store does the same: commit-statement.ts).
 */
export function applyAsyncWrites(
  aggregate: RoomAggregate,
  writes: AsyncTouchingWrites,
  room: RoomRow,
  votes: VoteRow[],
): VoteRow[] | undefined {
  const before = aggregate.asyncVotes;
  if (!touchesAsync(writes)) return before;
  const goneAccounts = new Set(writes.removedMembers);
  if (writes.erasedAccount !== undefined) goneAccounts.add(writes.erasedAccount);
  const goneIssues = new Set(writes.removedIssues);
  const dropped = writes.droppedAsync;
  const started = writes.otherIssueStarted ? room.currentIssueKey : null;
  const after: VoteRow[] = [];
  for (const vote of before ?? NONE) {
    if (goneAccounts.has(vote.accountId) || goneIssues.has(vote.issueKey)) continue;
    if (dropped && (dropped.issueKey === null || dropped.issueKey === vote.issueKey)) continue;
    if (vote.issueKey === writes.promotedAsync) continue;
    if (writes.votes.some((w) => w.round === ASYNC_ROUND && sameCard(w, vote))) continue;
    if (vote.issueKey === started) {
      votes.push({ ...vote, round: room.round });
      continue;
    }
    after.push(vote);
  }
  const shelved = writes.shelvedRound;
  if (shelved) {
    for (const vote of aggregate.votes) {
      if (vote.issueKey !== shelved.issueKey || vote.round !== shelved.round) continue;
      if (goneAccounts.has(vote.accountId)) continue;
      after.push({ ...vote, round: ASYNC_ROUND });
    }
  }
  for (const write of writes.votes) {
    if (write.round !== ASYNC_ROUND || write.value === null) continue;
    after.push({ roomId: room.id, ...write, value: write.value });
  }
  return after.length > 0 ? after : undefined;
}

const sameCard = (a: { issueKey: string; accountId: string }, b: VoteRow) =>
  a.issueKey === b.issueKey && a.accountId === b.accountId;
