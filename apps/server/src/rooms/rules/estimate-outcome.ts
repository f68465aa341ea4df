import { computeStats, type EstimateRecord, type VoteStats } from '@poker/shared';
import type { RoomAggregate, VoteRow } from './room-aggregate';
import { isAnonymousRound } from './room-anonymity';

/** How the estimate of one issue came about, as the save records it in Jira and in the room. */
export interface EstimateOutcome {
  /** Rounds taken on the issue, the final one included (at least 1). */
  rounds: number;
  /** The final revealed round's cards all agreed (the room's own statistics say so). */
  consensus: boolean;
  voters: number;
  distribution: VoteStats['distribution'];
  /** Who played what in the final revealed round; empty when that round was anonymous. */
  votes: { accountId: string; card: string }[];
  /** The final revealed round was anonymous: the record names nobody. */
  anonymous: boolean;
}

/**
 * The outcome of `issueKey` from its votes: those of the rows in memory for the issue in play,
 * else `storedVotes` (every vote the store holds for that issue). Only revealed cards count: a
 * round still hidden shows nobody's card, and an issue left behind kept only revealed rounds.
 */
export function estimateOutcome(
  aggregate: RoomAggregate,
  issueKey: string,
  storedVotes: readonly VoteRow[] = [],
): EstimateOutcome {
  const { room } = aggregate;
  const inPlay = room.currentIssueKey === issueKey;
  const votes = (inPlay ? aggregate.votes : storedVotes).filter((v) => v.issueKey === issueKey);
  const newest = votes.reduce((max, vote) => Math.max(max, vote.round), 0);
  const rounds = Math.max(1, inPlay ? room.round : newest);
  const revealedRounds = votes
    .map((vote) => vote.round)
    .filter((round) => !inPlay || round < room.round || room.revealed);
  const finalRound = revealedRounds.length > 0 ? Math.max(...revealedRounds) : undefined;
  const final = votes.filter((vote) => vote.round === finalRound);
  const stats = computeStats(
    room.deck,
    final.map((vote) => ({ accountId: vote.accountId, value: vote.value })),
  );
  const anonymous = isAnonymousRound(room, issueKey, finalRound ?? room.round);
  return {
    rounds,
    consensus: final.length > 0 && stats.consensus,
    voters: final.length,
    distribution: stats.distribution,
    votes: anonymous
      ? []
      : final
          .map((vote) => ({ accountId: vote.accountId, card: vote.value }))
          .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0)),
    anonymous,
  };
}

/** What a save writes into Jira as the issue's `planningPoker` property. */
export function estimateRecord(
  outcome: EstimateOutcome,
  saved: { value: number; display: string; fieldId: string; at: Date },
): EstimateRecord {
  return {
    version: 1,
    value: saved.value,
    display: saved.display,
    fieldId: saved.fieldId,
    consensus: outcome.consensus,
    voters: outcome.voters,
    rounds: outcome.rounds,
    distribution: outcome.distribution,
    // An anonymous round's record has no `votes` at all (the distribution says what was played).
    ...(outcome.anonymous ? {} : { votes: outcome.votes }),
    savedAt: saved.at.toISOString(),
  };
}
