import type { Deck, MemberRole, RevealedRound, SuggestRule } from '@poker/shared';

/** A planning-poker room: its configuration and the state of the round in play. */
export interface RoomRow {
  id: string;
  tenantId: string;
  ownerAccountId: string;
  name: string;
  deck: Deck;
  /** null: the tenant's default estimate field applies. */
  fieldId: string | null;
  autoReveal: boolean;
  autoAdvance: boolean;
  /** Whether the owner votes; false: the owner facilitates, ignored by auto-reveal. */
  ownerVotes: boolean;
  /** Members the owner granted the facilitator actions (always members of the room). */
  facilitatorAccountIds: string[];
  /** Accounts removed with "block": they may not join again until the room is removed. */
  blockedAccountIds: string[];
  /** Queue issues skipped without an estimate, until they are selected or saved. */
  skippedIssueKeys: string[];
  /** Revealed cards and statistics go without names (room-anonymity.ts). */
  anonymousReveal: boolean;
  /** Issue key → round: rounds up to it stay anonymous after anonymity was switched off. */
  anonymousThrough: Record<string, number>;
  /** How the suggested card is chosen. */
  suggestRule: SuggestRule;
  /** The countdown a timer started without seconds runs. */
  timerSeconds: number;
  /** Whether members may vote ahead on every queued issue (async-votes.ts). */
  asyncVoting: boolean;
  currentIssueKey: string | null;
  round: number;
  revealed: boolean;
  timerEndsAt: Date | null;
  version: number;
  updatedAt: Date;
}

/** An Atlassian account that joined a room, and in which role. */
export interface MemberRow {
  roomId: string;
  accountId: string;
  role: MemberRole;
  lastSeenAt: Date;
}

/** An issue in a room's queue: only its key, plus the estimate saved into Jira. */
export interface IssueRow {
  roomId: string;
  issueKey: string;
  position: number;
  /** The issue's own estimate field (its board's, picked in the browser); null: the rule decides. */
  fieldId: string | null;
  savedValue: number | null;
  savedAt: Date | null;
  savedByAccountId: string | null;
  /** Rounds the saved estimate took, the final one included. */
  savedRounds: number | null;
  /** Whether the final round before the save was a consensus. */
  savedConsensus: boolean | null;
}

/** One card played by one account in one round of one issue. Earlier rounds are history. */
export interface VoteRow {
  roomId: string;
  issueKey: string;
  round: number;
  accountId: string;
  value: string;
}

/**
 * Everything a snapshot is built from and every rule decides on: the room row and the rows
 * that hang off it. The rows are plain data (the store's entities have the same shape), and
 * nothing changes them in place: a change produces new rows (room-writes.ts).
 */
export interface RoomAggregate {
  room: RoomRow;
  /** In account-ID order (byAccountId). */
  members: MemberRow[];
  /** In queue order. */
  issues: IssueRow[];
  /** Votes of the current issue's round in play and of the HISTORY_ROUNDS before it. */
  votes: VoteRow[];
  /**
   * Async cards (round ASYNC_ROUND) on queued issues other than the one in play; absent: none.
   * Kept apart from `votes`, so the vote path never looks at them (async-votes.ts).
   */
  asyncVotes?: VoteRow[];
  /** The snapshot's `history` for this issue and round (room-snapshot.ts), once computed. */
  historyMemo?: {
    issueKey: string | null;
    round: number;
    /** The room options the rounds were shaped by (anonymity, suggest rule). */
    options: string;
    rounds: RevealedRound[];
  };
}

/**
 * Members in account-ID order by code unit, the order changes made in memory keep too (the
 * database's collation might order differently, and the member list must not shuffle).
 */
export function byAccountId(a: { accountId: string }, b: { accountId: string }): number {
  return a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0;
}

/** A queue entry as an issue enters it: no estimate saved yet. */
export function newIssueRow(
  roomId: string,
  issueKey: string,
  position: number,
  fieldId: string | null = null,
): IssueRow {
  return {
    roomId,
    issueKey,
    position,
    fieldId,
    savedValue: null,
    savedAt: null,
    savedByAccountId: null,
    savedRounds: null,
    savedConsensus: null,
  };
}

/** The actor's member row, if they are in the room. */
export function memberOf(aggregate: RoomAggregate, accountId: string): MemberRow | undefined {
  return aggregate.members.find((member) => member.accountId === accountId);
}
