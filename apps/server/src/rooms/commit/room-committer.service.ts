import { Inject, Injectable, Optional } from '@nestjs/common';
import type { RoomSnapshot } from '@poker/shared';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { DomainError, notFound } from '../../errors/domain.error';
import { ChangePhaseRecorder } from '../../metrics/change-phase-recorder';
import { PhaseTimes } from '../../metrics/change-phases';
import { MetricsService } from '../../metrics/metrics.service';
import { PresenceService } from '../live/presence.service';
import { RoomBroadcaster } from '../live/room-broadcaster.service';
import { RoomListPublisher } from '../live/room-list-publisher.service';
import type { Actor } from '../rules/actor';
import { myAsyncCards } from '../rules/async-votes';
import type { RoomAggregate } from '../rules/room-aggregate';
import { buildSnapshot, myVotes } from '../rules/room-snapshot';
import { applyWrites, type RoomWrites } from '../rules/room-writes';
import type { TransitionContext } from '../rules/transition';
import { touched } from '../store/commit-statement';
import { RoomCache } from '../store/room-cache.service';
import { RoomRepository, type LockedRoom } from '../store/room.repository';
import { KeyedQueue } from './keyed-queue';

/** A transition bound to its actor and payload: the rows and context in, the writes out. */
export type BoundTransition = (aggregate: RoomAggregate, context: TransitionContext) => RoomWrites;

export interface CommitOptions {
  /** Presence changed (a socket joined or left): ask every node who is online. */
  presenceChanged?: boolean;
  /** Runs before presence is read (e.g. joining the Socket.IO room); may run twice. */
  beforePresence?: (aggregate: RoomAggregate) => Promise<void>;
}

/** The snapshot as the acting socket sees it, with its own card. */
export type ActorView = RoomSnapshot;

interface Outcome {
  aggregate: RoomAggregate;
  online: Set<string>;
  changed: boolean;
}

/** A transition run in memory: who was online and what it writes. */
interface Ran {
  online: Set<string>;
  writes: RoomWrites;
}

/**
 * Every room change goes through here, one at a time per room on this node: the transition's
 * writes are committed in Postgres (scoped to the actor's tenant, so another tenant's room is
 * simply not found) with a version bump before the new snapshot is broadcast.
 *
 * The transition first runs on the room's cached rows, and its writes are committed with one
 * statement that checks the version they were computed from. When the cache is cold, or
 * another node changed the room meanwhile, it runs again under the row lock on fresh rows.
 *
 * Each completed change's time per phase (`metrics/change-phases.ts`) goes to the metrics.
 */
@Injectable()
export class RoomCommitter {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly rooms: RoomRepository,
    private readonly presence: PresenceService,
    private readonly broadcaster: RoomBroadcaster,
    private readonly cache: RoomCache,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'ownerTakeoverSeconds'>,
    @Optional() private readonly phases?: ChangePhaseRecorder,
    @Optional() private readonly roomList?: RoomListPublisher,
  ) {}

  async apply(
    actor: Actor,
    roomId: string,
    transition: BoundTransition,
    options: CommitOptions = {},
  ): Promise<ActorView> {
    const times = new PhaseTimes();
    const queued = performance.now();
    const outcome = await this.queue.run(roomId, async () => {
      times.queue = performance.now() - queued;
      const cached = await this.applyCached(actor, roomId, transition, options, times);
      if (typeof cached === 'object') return cached;
      // Another node's change won the race; its broadcast has usually refreshed the cache
      // by now, which makes one more cached attempt likely to succeed.
      if (cached === 'moved') {
        const again = await this.applyCached(actor, roomId, transition, options, times);
        if (typeof again === 'object') return again;
      }
      times.path = `locked-${cached}`;
      this.metrics.roomCommits.inc({ path: times.path });
      return this.applyLocked(actor, roomId, transition, options, times);
    });
    const view = this.finish(outcome, actor.accountId, times);
    this.phases?.record(times);
    return view;
  }

  /**
   * The room's rows for a check made before slow work (a Jira call): cached when this node
   * holds them, else read. The change itself checks again on the rows it commits against.
   */
  async peek(actor: Actor, roomId: string): Promise<RoomAggregate> {
    const cached = this.cache.peek(roomId);
    if (cached && cached.room.tenantId === actor.tenantId) return cached;
    const read = await this.rooms.read(actor.tenantId, roomId);
    if (!read) throw notFound();
    return read;
  }

  /** Builds and (when changed) broadcasts the snapshot; returns the actor's view. */
  private finish(
    { aggregate, online, changed }: Outcome,
    accountId: string,
    times: PhaseTimes,
  ): ActorView {
    const started = performance.now();
    const snapshot = buildSnapshot(aggregate, online, this.config.ownerTakeoverSeconds * 1000);
    const votes = myVotes(aggregate);
    const built = performance.now();
    times.snapshot = built - started;
    if (changed) {
      this.broadcaster.publish(snapshot, votes, aggregate, online);
      times.publish = performance.now() - built;
    }
    // Also unchanged rooms: a first join on this node tells the lists of a room just created.
    this.roomList?.changed(aggregate, online);
    const myAsyncVotes = myAsyncCards(aggregate).get(accountId);
    return {
      ...snapshot,
      myVote: votes.get(accountId) ?? null,
      ...(myAsyncVotes && { myAsyncVotes }),
    };
  }

  /**
   * The transition on the cached rows, committed if the room is still at that version.
   * Otherwise why it was not decided here: no cache ('cold'), a refusal that stale rows may
   * have caused ('refused', whether the transition or its `beforePresence` refused), or a room
   * that moved on or is gone ('moved'); the locked path then decides on fresh rows.
   */
  private async applyCached(
    actor: Actor,
    roomId: string,
    transition: BoundTransition,
    options: CommitOptions,
    times: PhaseTimes,
  ): Promise<Outcome | 'cold' | 'refused' | 'moved'> {
    const aggregate = this.cache.peek(roomId);
    if (!aggregate || aggregate.room.tenantId !== actor.tenantId) return 'cold';
    const { version } = aggregate.room;
    let ran: Ran;
    try {
      ran = await this.run(aggregate, version, transition, options, times);
    } catch (error) {
      if (error instanceof DomainError) return 'refused';
      throw error;
    }
    const { online, writes } = ran;
    if (writes.isEmpty) {
      const checking = performance.now();
      const current = await this.rooms.version(actor.tenantId, roomId);
      times.commit += performance.now() - checking;
      return current === version ? { aggregate, online, changed: false } : 'moved';
    }
    const applying = performance.now();
    const changed = applyWrites(aggregate, writes);
    const committing = performance.now();
    times.transition += committing - applying;
    let committed;
    try {
      committed = await this.rooms.commit(changed.room, version, writes);
    } catch (error) {
      // Unknown whether it committed (the connection failed): the cached rows are not trusted.
      this.cache.evict(roomId);
      throw error;
    }
    times.commit += performance.now() - committing;
    // Moved on (a newer version is, or soon will be, cached from its broadcast) or gone.
    if (committed === undefined) return 'moved';
    this.metrics.roomCommits.inc({ path: 'cached' });
    if (writes.otherIssueStarted) {
      // The new issue's earlier rounds are on disk only: read the rows as committed.
      const reading = performance.now();
      const fresh = await this.rooms.read(actor.tenantId, roomId);
      times.commit += performance.now() - reading;
      if (!fresh) {
        this.cache.evict(roomId);
        throw notFound();
      }
      this.cache.put(fresh);
      return { aggregate: fresh, online, changed: true };
    }
    committedAt(changed, committed.version);
    this.cache.put(changed);
    return { aggregate: changed, online, changed: true };
  }

  /** The transition on rows read under the room row's lock: the authoritative answer. */
  private async applyLocked(
    actor: Actor,
    roomId: string,
    transition: BoundTransition,
    options: CommitOptions,
    times: PhaseTimes,
  ): Promise<Outcome> {
    const started = performance.now();
    const outcome = await this.rooms.withLock(actor.tenantId, roomId, (locked) =>
      this.decideLocked(locked, transition, options, times),
    );
    // The whole transaction, with the presence and transition run inside it.
    times.commit += performance.now() - started;
    if (!outcome) {
      // Gone, or another tenant's: only the actor's own tenant's rows are dropped, so that a
      // stranger guessing room IDs cannot empty the cache of a room in use.
      if (this.cache.peek(roomId)?.room.tenantId === actor.tenantId) this.cache.evict(roomId);
      throw notFound();
    }
    this.cache.put(outcome.aggregate);
    return outcome;
  }

  private async decideLocked(
    locked: LockedRoom,
    transition: BoundTransition,
    options: CommitOptions,
    times: PhaseTimes,
  ): Promise<Outcome> {
    const { room } = locked;
    const cached = this.cache.take(room.id, room.version);
    const aggregate = cached ? { ...cached, room } : await locked.load();
    const { online, writes } = await this.run(aggregate, room.version, transition, options, times);
    if (writes.isEmpty) return { aggregate, online, changed: false };
    const applying = performance.now();
    const changed = applyWrites(aggregate, writes);
    times.transition += performance.now() - applying;
    const committed = await locked.commit(changed.room, writes);
    if (writes.otherIssueStarted) {
      Object.assign(room, { ...changed.room, version: committed.version, round: committed.round });
      return { aggregate: await locked.load(), online, changed: true };
    }
    committedAt(changed, committed.version);
    return { aggregate: changed, online, changed: true };
  }

  /** Runs a transition on the rows at `version`, with who is online and the time. */
  private async run(
    aggregate: RoomAggregate,
    version: number,
    transition: BoundTransition,
    options: CommitOptions,
    times: PhaseTimes,
  ): Promise<Ran> {
    const started = performance.now();
    await options.beforePresence?.(aggregate);
    const online = await this.presence.onlineAt(
      aggregate.room.id,
      version,
      options.presenceChanged,
    );
    const deciding = performance.now();
    times.presence += deciding - started;
    const writes = transition(aggregate, { online, now: new Date() });
    times.transition += performance.now() - deciding;
    return { online, writes };
  }
}

/** The rows after their commit: the version it returned, and the room's last use. */
function committedAt(aggregate: RoomAggregate, version: number): void {
  aggregate.room.version = version;
  aggregate.room.updatedAt = touched(aggregate.room.updatedAt);
}
