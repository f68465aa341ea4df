import { applyAsyncWrites } from './async-votes';
import {
  byAccountId,
  newIssueRow,
  type MemberRow,
  type RoomAggregate,
  type RoomRow,
  type VoteRow,
} from './room-aggregate';
import { HISTORY_ROUNDS } from './room-limits';

/** The room row's columns a change may set; id, tenant, version and last use are the store's. */
export type RoomFields = Omit<RoomRow, 'id' | 'tenantId' | 'version' | 'updatedAt'>;

/** A card played (value) or taken back (null) in one round. */
export interface VoteWrite {
  issueKey: string;
  round: number;
  accountId: string;
  value: string | null;
}

/** The estimate saved into Jira, as the room records it on the issue's row. */
export interface SavedEstimate {
  issueKey: string;
  value: number;
  at: Date;
  byAccountId: string;
  /** Rounds taken on the issue, the final one included. */
  rounds: number;
  /** Whether the final round was a consensus. */
  consensus: boolean;
}

/** An issue entering the queue, with its own estimate field when it was picked from a board. */
export interface AddedIssue {
  issueKey: string;
  position: number;
  fieldId: string | null;
}

/**
 * What a room command changes, as data: every transition returns one of these, and the same
 * record is applied twice, once to the rows in memory (`applyWrites`, below) and once to the
 * database in one version-checked statement (store/commit-statement.ts). One vocabulary for
 * every change means the rows a node keeps in memory are exactly the rows it committed.
 */
export class RoomWrites {
  /** Columns of the room row that change. */
  room: Partial<RoomFields> = {};
  readonly votes: VoteWrite[] = [];
  /** Member rows written whole (join, presence, roles). */
  readonly members: MemberRow[] = [];
  readonly removedMembers: string[] = [];
  /** A round whose cards go unseen: it ended before anyone revealed it. */
  droppedRound: { issueKey: string; round: number } | undefined;
  /**
   * An unrevealed round left for another issue in a room open for voting ahead: its cards go
   * back to being that issue's async cards (async-votes.ts) instead of being dropped.
   */
  shelvedRound: { issueKey: string; round: number } | undefined;
  /** Issues appended to the queue, in order. */
  readonly addedIssues: AddedIssue[] = [];
  /** Issues taken out of the queue, with every vote on them. */
  readonly removedIssues: string[] = [];
  savedEstimate: SavedEstimate | undefined;
  /** An account whose every row in the room goes (its votes, membership and saver's name). */
  erasedAccount: string | undefined;
  /**
   * A round of another issue starts: the store numbers it past every round that issue already
   * had (most are not in memory), and the rows in memory are read again after the commit.
   */
  otherIssueStarted = false;
  /** An issue whose async cards become its next revealed round (async-votes.ts). */
  promotedAsync: string | undefined;
  /** Async cards that go: of one issue, or (issueKey null) of every issue. */
  droppedAsync: { issueKey: string | null } | undefined;

  get isEmpty(): boolean {
    return (
      Object.keys(this.room).length === 0 &&
      this.votes.length === 0 &&
      this.members.length === 0 &&
      this.removedMembers.length === 0 &&
      this.droppedRound === undefined &&
      this.shelvedRound === undefined &&
      this.addedIssues.length === 0 &&
      this.removedIssues.length === 0 &&
      this.savedEstimate === undefined &&
      this.erasedAccount === undefined &&
      this.promotedAsync === undefined &&
      this.droppedAsync === undefined
    );
  }

  setRoom(fields: Partial<RoomFields>): this {
    Object.assign(this.room, fields);
    return this;
  }

  vote(write: VoteWrite): this {
    this.votes.push(write);
    return this;
  }

  upsertMember(row: MemberRow): this {
    this.members.push(row);
    return this;
  }

  removeMember(accountId: string): this {
    this.removedMembers.push(accountId);
    return this;
  }

  dropRound(issueKey: string, round: number): this {
    this.droppedRound = { issueKey, round };
    return this;
  }

  shelveRound(issueKey: string, round: number): this {
    this.shelvedRound = { issueKey, round };
    return this;
  }

  addIssues(issues: AddedIssue[]): this {
    this.addedIssues.push(...issues);
    return this;
  }

  removeIssues(issueKeys: string[]): this {
    this.removedIssues.push(...issueKeys);
    return this;
  }

  saveEstimate(estimate: SavedEstimate): this {
    this.savedEstimate = estimate;
    return this;
  }

  eraseAccount(accountId: string): this {
    this.erasedAccount = accountId;
    return this;
  }

  promoteAsync(issueKey: string): this {
    this.promotedAsync = issueKey;
    return this;
  }

  dropAsync(issueKey: string | null): this {
    this.droppedAsync = { issueKey };
    return this;
  }

  /**
   * A fresh round of `issueKey` numbered `round` (at least: see `otherIssueStarted`), with no
   * card revealed and no timer running.
   */
  startRound(current: RoomRow, issueKey: string, round: number): this {
    if (issueKey !== current.currentIssueKey) this.otherIssueStarted = true;
    return this.setRoom({ currentIssueKey: issueKey, round, revealed: false, timerEndsAt: null });
  }
}

const sameVote = (a: VoteWrite | VoteRow, b: VoteWrite | VoteRow) =>
  a.issueKey === b.issueKey && a.round === b.round && a.accountId === b.accountId;

/**
 * The rows after `writes`, as the database holds them once the commit ran: new arrays and a
 * new room row (the input stays as it was, so a refused or failed commit leaves no trace).
 * Votes outside what the store reads for a room (the current issue, its last HISTORY_ROUNDS
 * rounds) are left out, as a fresh read would.
 */
export function applyWrites(aggregate: RoomAggregate, writes: RoomWrites): RoomAggregate {
  const room: RoomRow = { ...aggregate.room, ...writes.room };
  const roomId = room.id;
  const erased = writes.erasedAccount;
  const removedIssues = new Set(writes.removedIssues);

  let members = aggregate.members;
  if (writes.members.length > 0 || writes.removedMembers.length > 0 || erased !== undefined) {
    const gone = new Set([...writes.removedMembers, ...(erased === undefined ? [] : [erased])]);
    const written = new Map(writes.members.map((row) => [row.accountId, row]));
    members = [
      ...members.filter((m) => !written.has(m.accountId) && !gone.has(m.accountId)),
      ...[...written.values()].filter((m) => !gone.has(m.accountId)),
    ].sort(byAccountId);
  }

  let issues = aggregate.issues.filter((issue) => !removedIssues.has(issue.issueKey));
  issues = issues.concat(
    writes.addedIssues.map(({ issueKey, position, fieldId }) =>
      newIssueRow(roomId, issueKey, position, fieldId),
    ),
  );
  const saved = writes.savedEstimate;
  if (saved || erased !== undefined) {
    issues = issues.map((issue) => {
      if (saved && issue.issueKey === saved.issueKey) {
        return {
          ...issue,
          savedValue: saved.value,
          savedAt: saved.at,
          savedByAccountId: saved.byAccountId,
          savedRounds: saved.rounds,
          savedConsensus: saved.consensus,
        };
      }
      return issue.savedByAccountId === erased ? { ...issue, savedByAccountId: null } : issue;
    });
  }

  const dropped = writes.droppedRound;
  const oldest = room.round - HISTORY_ROUNDS;
  const votes = aggregate.votes.filter(
    (vote) =>
      vote.issueKey === room.currentIssueKey &&
      vote.round >= oldest &&
      vote.accountId !== erased &&
      !(dropped && vote.issueKey === dropped.issueKey && vote.round === dropped.round) &&
      !writes.votes.some((write) => sameVote(write, vote)),
  );
  for (const write of writes.votes) {
    if (write.value === null || write.issueKey !== room.currentIssueKey) continue;
    votes.push({ roomId, ...write, value: write.value });
  }

  // The memo is keyed by issue and round; these writes also change earlier rounds' cards.
  // A new deck recomputes their statistics too.
  const historyKept =
    erased === undefined && removedIssues.size === 0 && !dropped && writes.room.deck === undefined;
  const asyncVotes = applyAsyncWrites(aggregate, writes, room, votes);
  return {
    room,
    members,
    issues,
    votes,
    ...(asyncVotes && { asyncVotes }),
    historyMemo: historyKept ? aggregate.historyMemo : undefined,
  };
}
