import { Injectable } from '@nestjs/common';
import type { RoomSnapshot } from '@poker/shared';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../errors/domain.error';
import { RoomBroadcaster } from './room-broadcaster.service';
import { loadAggregate, RoomAggregate } from './room-aggregate';
import { Room } from './room.entity';
import type { Actor } from './room-rules';
import { buildSnapshot, myVotes } from './room-snapshot';
import { PresenceService } from './presence.service';
import { RoomCache } from './room-cache.service';

/** What a change sees: the locked room with its rows, who is online, and the transaction. */
export interface RoomChangeContext {
  em: EntityManager;
  aggregate: RoomAggregate;
  online: Set<string>;
}

/**
 * What a change reports: 'unchanged' when there was nothing to do (no version bump, no
 * broadcast); 'in-memory' when it also applied its writes to `aggregate` itself, so the rows
 * need not be read again; nothing when the rows must be re-read.
 */
export type RoomChange = (context: RoomChangeContext) => Promise<void | 'unchanged' | 'in-memory'>;

export interface MutateOptions {
  /** Presence changed (a socket joined or left): ask every node who is online. */
  presenceChanged?: boolean;
  /** Runs inside the lock, before presence is read (e.g. joining the Socket.IO room). */
  beforePresence?: (aggregate: RoomAggregate) => Promise<void>;
}

/** The snapshot as the acting socket sees it, with its own card. */
export type ActorView = RoomSnapshot;

/**
 * Every room mutation goes through here: one transaction that locks the room row (scoped to
 * the actor's tenant, so another tenant's room is simply not found), applies the change, bumps
 * `version`, and after commit broadcasts the new snapshot.
 */
@Injectable()
export class RoomMutator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly presence: PresenceService,
    private readonly broadcaster: RoomBroadcaster,
    private readonly cache: RoomCache,
  ) {}

  async mutate(
    actor: Actor,
    roomId: string,
    change: RoomChange,
    options: MutateOptions = {},
  ): Promise<ActorView> {
    const result = await this.dataSource.transaction(async (em) => {
      const room = await em.findOne(Room, {
        where: { id: roomId, tenantId: actor.tenantId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!room) throw notFound();
      const cached = this.cache.take(room.id, room.version);
      const aggregate = cached ? { ...cached, room } : await loadAggregate(em, room);
      await options.beforePresence?.(aggregate);
      const online = await this.presence.onlineAt(room.id, room.version, options.presenceChanged);
      const outcome = await change({ em, aggregate, online });
      if (outcome === 'unchanged') return { aggregate, online, changed: false };
      room.version += 1;
      room.updatedAt = new Date();
      await em.update(Room, { id: room.id, tenantId: room.tenantId }, roomColumns(room));
      const after = outcome === 'in-memory' ? aggregate : await loadAggregate(em, room);
      return { aggregate: after, online, changed: true };
    });
    this.cache.put(result.aggregate);
    return this.finish(result.aggregate, result.online, actor.accountId, result.changed);
  }

  /** Builds, remembers and (when changed) broadcasts the snapshot; returns the actor's view. */
  finish(
    aggregate: RoomAggregate,
    online: Set<string>,
    accountId: string,
    changed = true,
  ): ActorView {
    const snapshot = buildSnapshot(aggregate, online);
    const votes = myVotes(aggregate);
    if (changed) {
      this.presence.remember(aggregate.room.id, online, aggregate.room.version);
      this.broadcaster.publish(snapshot, votes);
    }
    return { ...snapshot, myVote: votes.get(accountId) ?? null };
  }
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
