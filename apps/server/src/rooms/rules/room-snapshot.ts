import {
  cardValue,
  computeStats,
  deckCards,
  isCardInDeck,
  type Deck,
  type RevealedRound,
  type RevealedVote,
  type RoomSnapshot,
  type Vote as VoteView,
  type VoteStats,
} from '@poker/shared';
import { asyncFields } from './async-votes';
import { memberOf, type RoomAggregate, type RoomRow } from './room-aggregate';
import { anonymousStats, anonymousVotes, isAnonymousRound } from './room-anonymity';
import { DEFAULT_TAKEOVER_MS, HISTORY_ROUNDS } from './room-limits';

/** The votes of the round in play, in the order members joined. */
export function currentVotes(aggregate: RoomAggregate): VoteView[] {
  const { room, votes } = aggregate;
  return votes
    .filter((vote) => vote.round === room.round)
    .map((vote) => ({ accountId: vote.accountId, value: vote.value }));
}

/** Earlier rounds of the current issue, newest first, at most HISTORY_ROUNDS of them. */
function history(aggregate: RoomAggregate): RevealedRound[] {
  const { room, votes } = aggregate;
  const byRound = new Map<number, VoteView[]>();
  for (const vote of votes) {
    if (vote.round >= room.round) continue;
    const list = byRound.get(vote.round) ?? [];
    list.push({ accountId: vote.accountId, value: vote.value });
    byRound.set(vote.round, list);
  }
  return [...byRound.entries()]
    .sort(([a], [b]) => b - a)
    .slice(0, HISTORY_ROUNDS)
    .map(([round, roundVotes]) => ({
      issueKey: room.currentIssueKey ?? '',
      round,
      ...revealedCards(room, round, roundVotes),
    }));
}

/**
 * The room's deck, widened by the cards of an earlier round played on a deck since replaced
 * (Fibonacci before T-shirt sizes): as a custom deck, so those cards keep the number they show
 * ('8' counts 8) instead of dropping out of the round's average.
 */
function deckCovering(deck: Deck, votes: readonly VoteView[]): Deck {
  const foreign = [...new Set(votes.map((vote) => vote.value))].filter(
    (card) => !isCardInDeck(deck, card),
  );
  if (foreign.length === 0) return deck;
  const cards = deckCards(deck);
  const values = Object.fromEntries(
    cards.flatMap((card) => {
      const value = cardValue(deck, card);
      return value === null ? [] : [[card, value]];
    }),
  );
  return { kind: 'custom', cards: [...cards, ...foreign], values };
}

/**
 * A revealed round's cards and statistics, by the room's rule, without names when anonymous.
 * Runs for revealed rounds only (never on the vote path: a revealed round takes no votes).
 */
function revealedCards(
  room: RoomRow,
  round: number,
  votes: VoteView[],
): { votes: RevealedVote[]; stats: VoteStats } {
  const deck = deckCovering(room.deck, votes);
  const stats = computeStats(deck, votes, room.suggestRule);
  if (!isAnonymousRound(room, room.currentIssueKey, round)) return { votes, stats };
  return { votes: anonymousVotes(deck, votes), stats: anonymousStats(stats) };
}

/** What the history's shape depends on besides the issue and round (changed by room:update). */
function historyOptions(room: RoomRow): string {
  const through = room.currentIssueKey ? room.anonymousThrough[room.currentIssueKey] : undefined;
  return `${room.anonymousReveal}:${through ?? ''}:${room.suggestRule}`;
}

/**
 * The history, computed once per round: earlier rounds never change while the same round of
 * the same issue is in play (changes that could alter them re-read the rows, which drops the
 * memo), so a vote does not recompute five rounds of statistics.
 */
function historyOf(aggregate: RoomAggregate): RevealedRound[] {
  const { currentIssueKey: issueKey, round } = aggregate.room;
  const options = historyOptions(aggregate.room);
  const memo = aggregate.historyMemo;
  if (memo && memo.issueKey === issueKey && memo.round === round && memo.options === options) {
    return memo.rounds;
  }
  const rounds = history(aggregate);
  aggregate.historyMemo = { issueKey, round, options, rounds };
  return rounds;
}

/**
 * From when a member may take the room over: the owner's last-seen time (their row's, moved when
 * they went offline) plus the takeover delay; null while the owner is online. transfer-room.ts
 * applies the same rule.
 */
function takeoverAt(
  aggregate: RoomAggregate,
  online: ReadonlySet<string>,
  takeoverAfterMs: number,
): string | null {
  const { ownerAccountId } = aggregate.room;
  if (online.has(ownerAccountId)) return null;
  const seen = memberOf(aggregate, ownerAccountId)?.lastSeenAt.getTime() ?? 0;
  return new Date(seen + takeoverAfterMs).toISOString();
}

/**
 * The snapshot every member sees (DESIGN.md "Snapshot"), without `myVote`: vote values and
 * statistics stay null until the round is revealed; `online` comes from live sockets.
 * `takeoverAfterMs` is OWNER_TAKEOVER_SECONDS (the services pass the configured value).
 */
export function buildSnapshot(
  aggregate: RoomAggregate,
  online: ReadonlySet<string>,
  takeoverAfterMs = DEFAULT_TAKEOVER_MS,
): RoomSnapshot {
  const { room, members, issues } = aggregate;
  const votes = currentVotes(aggregate);
  const voted = new Set(votes.map((vote) => vote.accountId));
  const memberOrder = new Map(members.map((member, index) => [member.accountId, index]));
  votes.sort((a, b) => (memberOrder.get(a.accountId) ?? 0) - (memberOrder.get(b.accountId) ?? 0));
  return {
    id: room.id,
    name: room.name,
    version: room.version,
    ownerAccountId: room.ownerAccountId,
    deck: room.deck,
    fieldId: room.fieldId,
    autoReveal: room.autoReveal,
    autoAdvance: room.autoAdvance,
    issues: issues.map((issue) => ({
      issueKey: issue.issueKey,
      fieldId: issue.fieldId,
      savedValue: issue.savedValue,
      savedAt: issue.savedAt ? issue.savedAt.toISOString() : null,
      savedRounds: issue.savedRounds,
      savedConsensus: issue.savedConsensus,
    })),
    currentIssueKey: room.currentIssueKey,
    round: room.round,
    revealed: room.revealed,
    timerEndsAt: room.timerEndsAt ? room.timerEndsAt.toISOString() : null,
    members: members.map((member) => ({
      accountId: member.accountId,
      role: member.role,
      online: online.has(member.accountId),
      hasVoted: voted.has(member.accountId),
    })),
    ...(room.revealed ? revealedCards(room, room.round, votes) : { votes: null, stats: null }),
    history: historyOf(aggregate),
    ownerVotes: room.ownerVotes,
    facilitatorAccountIds: room.facilitatorAccountIds,
    skippedIssueKeys: room.skippedIssueKeys,
    takeoverAt: takeoverAt(aggregate, online, takeoverAfterMs),
    anonymousReveal: room.anonymousReveal,
    suggestRule: room.suggestRule,
    timerSeconds: room.timerSeconds,
    ...asyncFields(aggregate),
  };
}

/** Each member's hidden card in the round in play, to hand back as their own `myVote`. */
export function myVotes(aggregate: RoomAggregate): Map<string, string> {
  return new Map(currentVotes(aggregate).map((vote) => [vote.accountId, vote.value]));
}
