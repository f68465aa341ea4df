import {
  byAccountId,
  type RoomAggregate,
  type RoomRow,
  type VoteRow,
} from '../rules/room-aggregate';
import { HISTORY_ROUNDS } from '../rules/room-limits';
import { roomSummaryOf } from '../rules/room-summary';
import { applyWrites, type RoomWrites } from '../rules/room-writes';
import { ASYNC_ROUND } from '../rules/async-votes';
import { touched, type CommitResult } from '../store/commit-statement';
import type { ListedRoom, LockedRoom, RoomRepository } from '../store/room.repository';

/**
 * The RoomRepository methods the room services use, in memory, for service specs: the services
 * are real, only the SQL is not. Rows are held per tenant, and every lookup names the tenant,
 * so another tenant's room is not found. Like the database (and unlike the cache) it keeps
 * every vote of every issue: an issue chosen again gets its rounds numbered, and its history
 * shown, from what was stored.
 *
 * A commit checks the version and applies the writes as commit-statement.ts does: the room row
 * whole, member and issue rows with applyWrites, votes deleted and upserted as the SQL does.
 * There is no real lock: the committer's queue serialises a node's own changes, and a spec
 * plays another node with `commitElsewhere` between calls.
 */
export class FakeRoomRepository {
  isOpen = true;
  /** Rows per tenant and room; handed out only as copies, so a service cannot edit them. */
  private readonly tenants = new Map<string, Map<string, RoomAggregate>>();

  /** Stores rooms as earlier commits left them. */
  seed(...aggregates: RoomAggregate[]): void {
    for (const aggregate of aggregates) {
      const { room, members, issues, votes } = structuredClone(aggregate);
      this.roomsOf(room.tenantId).set(room.id, { room, members, issues, votes });
    }
  }

  /** Every row stored for a room, every vote of every issue included. */
  rows(tenantId: string, roomId: string): RoomAggregate | undefined {
    const stored = this.find(tenantId, roomId);
    return stored && structuredClone(stored);
  }

  /** Another node's change, committed at the stored version: this node's cache is now stale. */
  commitElsewhere(
    tenantId: string,
    roomId: string,
    change: (aggregate: RoomAggregate) => RoomWrites,
  ): CommitResult {
    const current = this.window(this.rows(tenantId, roomId)!);
    const writes = change(current);
    return this.write(current.room, applyWrites(current, writes).room, writes);
  }

  /** This fake as the services' constructors take it. */
  asRepository(): RoomRepository {
    return this as unknown as RoomRepository;
  }

  async commit(
    room: RoomRow,
    expectedVersion: number,
    writes: RoomWrites,
  ): Promise<CommitResult | undefined> {
    const stored = this.find(room.tenantId, room.id);
    if (!stored || stored.room.version !== expectedVersion) return undefined;
    return this.write(stored.room, room, writes);
  }

  async votedRounds(tenantId: string, roomId: string): Promise<Record<string, number>> {
    const rounds: Record<string, number> = {};
    for (const vote of this.rows(tenantId, roomId)?.votes ?? []) {
      rounds[vote.issueKey] = Math.max(rounds[vote.issueKey] ?? 0, vote.round);
    }
    return rounds;
  }

  async issueVotes(tenantId: string, roomId: string, issueKey: string): Promise<VoteRow[]> {
    return (this.rows(tenantId, roomId)?.votes ?? []).filter(
      (vote) => vote.issueKey === issueKey && vote.round !== ASYNC_ROUND,
    );
  }

  async version(tenantId: string, roomId: string): Promise<number | undefined> {
    return this.find(tenantId, roomId)?.room.version;
  }

  async read(tenantId: string, roomId: string): Promise<RoomAggregate | undefined> {
    const stored = this.rows(tenantId, roomId);
    return stored && this.window(stored);
  }

  /** `work` on the room; what it stored is rolled back when it throws, as a transaction is. */
  async withLock<T>(
    tenantId: string,
    roomId: string,
    work: (locked: LockedRoom) => Promise<T>,
  ): Promise<T | undefined> {
    const before = this.rows(tenantId, roomId);
    if (!before) return undefined;
    // As in the repository, `load` reads with the locked row the caller may have updated.
    const room = structuredClone(before.room);
    const locked: LockedRoom = {
      room,
      load: async () => this.window({ ...this.rows(tenantId, roomId)!, room }),
      commit: async (changed, writes) => this.write(room, changed, writes),
      remove: async () => {
        this.roomsOf(tenantId).delete(roomId);
      },
    };
    try {
      return await work(locked);
    } catch (error) {
      this.roomsOf(tenantId).set(roomId, before);
      throw error;
    }
  }

  /** As create-statement.ts: in order, while the tenant holds fewer than `cap` rooms. */
  async insertRooms(tenantId: string, batch: RoomAggregate[], cap: number): Promise<boolean[]> {
    const rooms = this.roomsOf(tenantId);
    return batch.map((aggregate) => {
      if (rooms.size >= cap) return false;
      const { room, issues } = structuredClone(aggregate);
      const owner = room.ownerAccountId;
      rooms.set(room.id, {
        room: { ...room, tenantId, version: 1 },
        members: [{ roomId: room.id, accountId: owner, role: 'owner', lastSeenAt: room.updatedAt }],
        issues,
        votes: [],
      });
      return true;
    });
  }

  async list(tenantId: string, issueKey?: string): Promise<ListedRoom[]> {
    return [...this.roomsOf(tenantId).values()]
      .sort((a, b) => b.room.updatedAt.getTime() - a.room.updatedAt.getTime())
      .flatMap((aggregate) => {
        const { room, issues } = aggregate;
        const held = issueKey ? issues.find((issue) => issue.issueKey === issueKey) : undefined;
        if (issueKey && !held) return [];
        // Online counts are the list service's to add, as with the real repository.
        const summary = roomSummaryOf(aggregate, new Set());
        delete summary.onlineCount;
        if (!held) return [{ summary }];
        const issue = {
          issueKey: held.issueKey,
          savedValue: held.savedValue,
          savedAt: held.savedAt?.toISOString() ?? null,
          savedRounds: held.savedRounds,
          savedConsensus: held.savedConsensus,
          current: room.currentIssueKey === held.issueKey,
          deckKind: room.deck.kind,
          lastResult: null,
        };
        return [{ summary, issue }];
      });
  }

  async timersDue(
    now: Date,
    limit: number,
  ): Promise<Pick<RoomRow, 'id' | 'tenantId' | 'ownerAccountId'>[]> {
    return [...this.tenants.values()]
      .flatMap((rooms) => [...rooms.values()])
      .filter(({ room }) => !room.revealed && room.timerEndsAt !== null && room.timerEndsAt <= now)
      .slice(0, limit)
      .map(({ room }) => ({
        id: room.id,
        tenantId: room.tenantId,
        ownerAccountId: room.ownerAccountId,
      }));
  }

  private roomsOf(tenantId: string): Map<string, RoomAggregate> {
    let rooms = this.tenants.get(tenantId);
    if (!rooms) this.tenants.set(tenantId, (rooms = new Map<string, RoomAggregate>()));
    return rooms;
  }

  private find(tenantId: string, roomId: string): RoomAggregate | undefined {
    return this.tenants.get(tenantId)?.get(roomId);
  }

  /** The rows a read hands out: the current issue's votes of its last HISTORY_ROUNDS rounds. */
  private window(aggregate: RoomAggregate): RoomAggregate {
    const { room } = aggregate;
    return {
      room,
      members: [...aggregate.members].sort(byAccountId),
      issues: [...aggregate.issues].sort((a, b) => a.position - b.position),
      votes: aggregate.votes.filter(
        (vote) =>
          vote.issueKey === room.currentIssueKey &&
          vote.round >= Math.max(1, room.round - HISTORY_ROUNDS),
      ),
      ...asyncWindow(aggregate),
    };
  }

  /** Commits `writes` over the stored rows of `at`'s room (the version check was made). */
  private write(at: RoomRow, changed: RoomRow, writes: RoomWrites): CommitResult {
    const stored = this.find(at.tenantId, at.id)!;
    const { members, issues } = applyWrites({ ...stored, votes: [] }, writes);
    // A round of another issue is numbered past every round that issue had (commit-statement.ts).
    const round = writes.otherIssueStarted
      ? Math.max(changed.round, 1 + lastRound(stored.votes, changed.currentIssueKey))
      : changed.round;
    const room: RoomRow = {
      ...changed,
      id: stored.room.id,
      tenantId: stored.room.tenantId,
      round,
      version: stored.room.version + 1,
      updatedAt: touched(stored.room.updatedAt),
    };
    const votes = asyncAfter(votesAfter(stored.votes, writes, room.id), writes, room);
    this.roomsOf(room.tenantId).set(room.id, structuredClone({ room, members, issues, votes }));
    return { version: room.version, round };
  }
}

/** The async cards a read hands out (room.repository.ts loadAggregate). */
function asyncWindow({ room, votes }: RoomAggregate): Pick<RoomAggregate, 'asyncVotes'> {
  const pending = votes.filter(
    (v) => v.round === ASYNC_ROUND && v.issueKey !== room.currentIssueKey,
  );
  return pending.length > 0 ? { asyncVotes: pending } : {};
}

/** What the commit statement does to async cards (commit-statement.ts). */
function asyncAfter(votes: VoteRow[], writes: RoomWrites, room: RoomRow): VoteRow[] {
  const gone = new Set(writes.removedMembers);
  const dropped = writes.droppedAsync;
  const promoted = writes.promotedAsync;
  const promotedTo = promoted === undefined ? 0 : lastRound(votes, promoted) + 1;
  return votes.flatMap((vote) => {
    if (vote.round !== ASYNC_ROUND) return [vote];
    if (gone.has(vote.accountId)) return [];
    if (dropped && (dropped.issueKey === null || dropped.issueKey === vote.issueKey)) return [];
    if (writes.otherIssueStarted && vote.issueKey === room.currentIssueKey) {
      return [{ ...vote, round: room.round }];
    }
    if (vote.issueKey === promoted) return [{ ...vote, round: promotedTo }];
    return [vote];
  });
}

function lastRound(votes: VoteRow[], issueKey: string | null): number {
  return votes.filter((v) => v.issueKey === issueKey).reduce((max, v) => Math.max(max, v.round), 0);
}

/** The stored votes after `writes`: deletes (null, dropped round, removed issue, erased account), then upserts. */
function votesAfter(votes: VoteRow[], writes: RoomWrites, roomId: string): VoteRow[] {
  const removedIssues = new Set(writes.removedIssues);
  const dropped = writes.droppedRound;
  const kept = votes.filter(
    (vote) =>
      !removedIssues.has(vote.issueKey) &&
      vote.accountId !== writes.erasedAccount &&
      !(dropped && vote.issueKey === dropped.issueKey && vote.round === dropped.round) &&
      !writes.votes.some(
        (w) =>
          w.issueKey === vote.issueKey && w.round === vote.round && w.accountId === vote.accountId,
      ),
  );
  const played = writes.votes.flatMap(({ issueKey, round, accountId, value }) =>
    value === null ? [] : [{ roomId, issueKey, round, accountId, value }],
  );
  const shelved = writes.shelvedRound;
  const shelve = (vote: VoteRow) =>
    shelved && vote.issueKey === shelved.issueKey && vote.round === shelved.round
      ? { ...vote, round: ASYNC_ROUND }
      : vote;
  return [...kept.map(shelve), ...played];
}
