import { Injectable } from '@nestjs/common';
import type { RoomSnapshot } from '@poker/shared';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { pgPool } from '../database/pg-pool';
import { MetricsService } from '../metrics/metrics.service';
import { DomainError, notFound } from '../errors/domain.error';
import { RoomBroadcaster } from './room-broadcaster.service';
import { copyAggregate, loadAggregate, RoomAggregate } from './room-aggregate';
import { commitStatement, RoomWrites, touched } from './room-commit';
import { Room } from './room.entity';
import type { Actor } from './room-rules';
import { buildSnapshot, myVotes } from './room-snapshot';
import { PresenceService } from './presence.service';
import { RoomCache } from './room-cache.service';
import { KeyedQueue } from './keyed-queue';

/** What a change sees: the locked room with its rows, who is online, and the transaction. */
export interface RoomChangeContext {
  em: EntityManager;
  aggregate: RoomAggregate;
  online: Set<string>;
}

/**
 * A change that writes through the transaction; 'unchanged' when there was nothing to do (no
 * version bump, no broadcast). The room's rows are read again after it.
 */
export type RoomChange = (context: RoomChangeContext) => Promise<void | 'unchanged'>;

/** What a change computed in memory sees: it records its row writes instead of running them. */
export interface InMemoryChangeContext {
  aggregate: RoomAggregate;
  online: Set<string>;
  writes: RoomWrites;
}

/**
 * A change that applies itself to `aggregate` (a private copy) and records the rows it writes
 * in `writes`; 'unchanged' when there is nothing to do. It must not touch the database.
 */
export type InMemoryChange = (context: InMemoryChangeContext) => void | 'unchanged';

export interface MutateOptions {
  /** Presence changed (a socket joined or left): ask every node who is online. */
  presenceChanged?: boolean;
  /** Runs before presence is read (e.g. joining the Socket.IO room); may run twice. */
  beforePresence?: (aggregate: RoomAggregate) => Promise<void>;
}

/** The snapshot as the acting socket sees it, with its own card. */
export type ActorView = RoomSnapshot;

/** A change run in memory: who was online, what it writes, and whether it did anything. */
interface Ran {
  online: Set<string>;
  writes: RoomWrites;
  unchanged: boolean;
}

interface Outcome {
  aggregate: RoomAggregate;
  online: Set<string>;
  changed: boolean;
}

/**
 * Every room mutation goes through here, one at a time per room on this node, each committed
 * in Postgres (scoped to the actor's tenant, so another tenant's room is simply not found)
 * with a version bump before the new snapshot is broadcast. Two ways to commit:
 *
 * - `apply` (the hot path: votes, reveal, re-vote, timers, joins): the change is computed from
 *   the room's cached rows and committed with one statement that checks the version it was
 *   computed from. When the cache is cold, or another node changed the room meanwhile, it runs
 *   again under the row lock on freshly read rows.
 * - `mutate` (everything else): one transaction that locks the room row, lets the change write
 *   through the entity manager, and bumps the version.
 */
@Injectable()
export class RoomMutator {
  private readonly queue = new KeyedQueue();
  private readonly pool: Pool;

  constructor(
    private readonly dataSource: DataSource,
    private readonly presence: PresenceService,
    private readonly broadcaster: RoomBroadcaster,
    private readonly cache: RoomCache,
    private readonly metrics: MetricsService,
  ) {
    this.pool = pgPool(dataSource);
  }

  async apply(
    actor: Actor,
    roomId: string,
    change: InMemoryChange,
    options: MutateOptions = {},
  ): Promise<ActorView> {
    const outcome = await this.queue.run(roomId, async () => {
      const cached = await this.applyCached(actor, roomId, change, options);
      if (typeof cached === 'object') return cached;
      // Another node's change won the race; its broadcast has usually refreshed the cache
      // by now, which makes one more cached attempt likely to succeed.
      if (cached === 'moved') {
        const again = await this.applyCached(actor, roomId, change, options);
        if (typeof again === 'object') return again;
      }
      this.metrics.roomCommits.inc({ path: `locked-${cached}` });
      return this.applyLocked(actor, roomId, change, options);
    });
    return this.finish(outcome.aggregate, outcome.online, actor.accountId, outcome.changed);
  }

  async mutate(
    actor: Actor,
    roomId: string,
    change: RoomChange,
    options: MutateOptions = {},
  ): Promise<ActorView> {
    const outcome = await this.queue.run(roomId, () =>
      this.dataSource.transaction(async (em): Promise<Outcome> => {
        const room = await this.lock(em, actor, roomId);
        const cached = this.cache.take(room.id, room.version);
        const aggregate = cached ? { ...cached, room } : await loadAggregate(em, room);
        await options.beforePresence?.(aggregate);
        const online = await this.presence.onlineAt(room.id, room.version, options.presenceChanged);
        const result = await change({ em, aggregate, online });
        if (result === 'unchanged') return { aggregate, online, changed: false };
        room.version += 1;
        room.updatedAt = new Date();
        await em.update(Room, { id: room.id, tenantId: room.tenantId }, roomColumns(room));
        return { aggregate: await loadAggregate(em, room), online, changed: true };
      }),
    );
    this.cache.put(outcome.aggregate);
    return this.finish(outcome.aggregate, outcome.online, actor.accountId, outcome.changed);
  }

  /** Builds and (when changed) broadcasts the snapshot; returns the actor's view. */
  finish(
    aggregate: RoomAggregate,
    online: Set<string>,
    accountId: string,
    changed = true,
  ): ActorView {
    const snapshot = buildSnapshot(aggregate, online);
    const votes = myVotes(aggregate);
    if (changed) this.broadcaster.publish(snapshot, votes, aggregate, online);
    return { ...snapshot, myVote: votes.get(accountId) ?? null };
  }

  /**
   * The change on a copy of the cached rows, committed if the room is still at that version.
   * Otherwise why it was not decided here: no cache ('cold'), a refusal that stale rows may
   * have caused ('refused', whether the change or its `beforePresence` refused), or a room
   * that moved on or is gone ('moved'); the locked path then decides on fresh rows.
   */
  private async applyCached(
    actor: Actor,
    roomId: string,
    change: InMemoryChange,
    options: MutateOptions,
  ): Promise<Outcome | 'cold' | 'refused' | 'moved'> {
    const cached = this.cache.peek(roomId);
    if (!cached || cached.room.tenantId !== actor.tenantId) return 'cold';
    const aggregate = copyAggregate(cached);
    const { version } = aggregate.room;
    let ran: Ran;
    try {
      ran = await this.run(aggregate, version, change, options);
    } catch (error) {
      if (error instanceof DomainError) return 'refused';
      throw error;
    }
    const { online, writes } = ran;
    if (ran.unchanged) {
      return (await this.isCurrent(actor, roomId, version))
        ? { aggregate, online, changed: false }
        : 'moved';
    }
    let result: { rows: { version: number }[] };
    try {
      result = await this.pool.query<{ version: number }>(
        commitStatement(aggregate.room, version, writes),
      );
    } catch (error) {
      // Unknown whether it committed (the connection failed): the cached rows are not trusted.
      this.cache.evict(roomId);
      throw error;
    }
    const committed = result.rows[0]?.version;
    // Moved on (a newer version is, or soon will be, cached from its broadcast) or gone.
    if (committed === undefined) return 'moved';
    committedAt(aggregate, committed);
    this.cache.put(aggregate);
    this.metrics.roomCommits.inc({ path: 'cached' });
    return { aggregate, online, changed: true };
  }

  /** The change on rows read under the room row's lock: the authoritative answer. */
  private async applyLocked(
    actor: Actor,
    roomId: string,
    change: InMemoryChange,
    options: MutateOptions,
  ): Promise<Outcome> {
    const outcome = await this.dataSource.transaction(async (em): Promise<Outcome> => {
      const room = await this.lock(em, actor, roomId);
      const cached = this.cache.take(room.id, room.version);
      const aggregate = cached ? copyAggregate({ ...cached, room }) : await loadAggregate(em, room);
      const { online, writes, unchanged } = await this.run(
        aggregate,
        room.version,
        change,
        options,
      );
      if (unchanged) return { aggregate, online, changed: false };
      const statement = commitStatement(aggregate.room, room.version, writes);
      const rows = await em.query<{ version: number }[]>(statement.text, statement.values);
      committedAt(aggregate, rows[0].version);
      return { aggregate, online, changed: true };
    });
    this.cache.put(outcome.aggregate);
    return outcome;
  }

  /** Runs a change on `aggregate` (a private copy of the rows at `version`), recording its writes. */
  private async run(
    aggregate: RoomAggregate,
    version: number,
    change: InMemoryChange,
    options: MutateOptions,
  ): Promise<Ran> {
    await options.beforePresence?.(aggregate);
    const online = await this.presence.onlineAt(
      aggregate.room.id,
      version,
      options.presenceChanged,
    );
    const writes = new RoomWrites();
    return { online, writes, unchanged: change({ aggregate, online, writes }) === 'unchanged' };
  }

  private async lock(em: EntityManager, actor: Actor, roomId: string): Promise<Room> {
    const room = await em.findOne(Room, {
      where: { id: roomId, tenantId: actor.tenantId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!room) {
      this.cache.evict(roomId);
      throw notFound();
    }
    return room;
  }

  private async isCurrent(actor: Actor, roomId: string, version: number): Promise<boolean> {
    const result = await this.pool.query<{ version: number }>({
      name: 'room-version',
      text: 'SELECT version FROM room WHERE id = $1 AND tenant_id = $2',
      values: [roomId, actor.tenantId],
    });
    return result.rows[0]?.version === version;
  }
}

/** The rows after their commit: the version it returned, and the room's last use. */
function committedAt(aggregate: RoomAggregate, version: number): void {
  aggregate.room.version = version;
  aggregate.room.updatedAt = touched(aggregate.room.updatedAt);
}

/** The columns a change may touch (one UPDATE; `save` would first re-read the row). */
function roomColumns(room: Room): Partial<Room> {
  return {
    ownerAccountId: room.ownerAccountId,
    name: room.name,
    deck: room.deck,
    fieldId: room.fieldId,
    autoReveal: room.autoReveal,
    autoAdvance: room.autoAdvance,
    currentIssueKey: room.currentIssueKey,
    round: room.round,
    revealed: room.revealed,
    timerEndsAt: room.timerEndsAt,
    version: room.version,
    updatedAt: room.updatedAt,
  };
}
