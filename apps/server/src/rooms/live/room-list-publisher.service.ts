import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { ServerEvent, type RoomListChangedPayload, type RoomSummary } from '@poker/shared';
import type { Namespace } from 'socket.io';
import { REDIS, type RedisPair } from '../../realtime/redis-connection';
import type { RoomAggregate } from '../rules/room-aggregate';
import { listSignature, roomSummaryOf } from '../rules/room-summary';
import type { PokerSocket } from './room-channel';

/** Changes of one site's rooms that arrive within this window go out as one push. */
const FLUSH_AFTER_MS = 150;
/** Rooms whose last pushed signature this node remembers; past it, it starts afresh. */
const REMEMBERED_ROOMS = 20_000;

/** The Socket.IO room of the sockets that look at one tenant's room list. */
export function listChannel(tenantId: string): string {
  return `list:${tenantId}`;
}

/** How a service subscribes a socket to its tenant's list pushes, without knowing Socket.IO. */
export interface ListWatcher {
  watch(): Promise<void>;
}

export function listWatcherOf(socket: PokerSocket): ListWatcher {
  return { watch: () => Promise.resolve(socket.join(listChannel(socket.data.tenantId))) };
}

interface Pending {
  rooms: Map<string, RoomSummary>;
  removed: Set<string>;
}

/**
 * Tells the people looking at a site's room list what changed (`room:listChanged`): rooms
 * created, removed, renamed, joined or left, going on- or offline, an estimate saved. A vote
 * changes nothing a list shows and sends nothing. The push goes through the adapter to the
 * site's list channel, so every node's watchers get it; it names account IDs only.
 */
@Injectable()
export class RoomListPublisher implements OnModuleDestroy {
  private readonly logger = new Logger(RoomListPublisher.name);
  private namespace: Namespace | undefined;
  /** What each room's list row last showed, as pushed from this node. */
  private readonly shown = new Map<string, string>();
  private readonly pending = new Map<string, Pending>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(@Inject(REDIS) private readonly redis: RedisPair | undefined) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /**
   * A closing node drops the pushes still waiting: Redis closes after the app, and a publish on
   * a closed connection would fail where nobody listens (the adapter does not catch it).
   */
  onModuleDestroy(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
  }

  /** After a change of the room (or none): pushes its summary if the list would show it. */
  changed(aggregate: RoomAggregate, online: ReadonlySet<string>): void {
    const { id, tenantId } = aggregate.room;
    // Nobody looking at the site's list (on one node): skip even the signature, it is the
    // vote path. What a later watcher first sees comes from its own room:list.
    if (!this.anyoneWatching(tenantId)) {
      this.shown.delete(id);
      return;
    }
    const signature = listSignature(aggregate, online);
    if (this.shown.get(id) === signature) return;
    if (this.shown.size >= REMEMBERED_ROOMS) this.shown.clear();
    this.shown.set(id, signature);
    const pending = this.pendingOf(tenantId);
    pending.removed.delete(id);
    pending.rooms.set(id, roomSummaryOf(aggregate, online));
  }

  removed(tenantId: string, roomId: string): void {
    this.shown.delete(roomId);
    if (!this.anyoneWatching(tenantId)) return;
    const pending = this.pendingOf(tenantId);
    pending.rooms.delete(roomId);
    pending.removed.add(roomId);
  }

  /** With several nodes a watcher may sit on another one; alone, only local sockets count. */
  private anyoneWatching(tenantId: string): boolean {
    if (!this.namespace || this.closed) return false;
    if (this.redis) return true;
    return (this.namespace.adapter.rooms.get(listChannel(tenantId))?.size ?? 0) > 0;
  }

  private pendingOf(tenantId: string): Pending {
    let pending = this.pending.get(tenantId);
    if (!pending) {
      pending = { rooms: new Map(), removed: new Set() };
      this.pending.set(tenantId, pending);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.flush(tenantId);
      }, FLUSH_AFTER_MS).unref();
      this.timers.add(timer);
    }
    return pending;
  }

  private flush(tenantId: string): void {
    const pending = this.pending.get(tenantId);
    this.pending.delete(tenantId);
    if (!pending || !this.namespace || this.closed) return;
    const payload: RoomListChangedPayload = {
      rooms: [...pending.rooms.values()],
      removedRoomIds: [...pending.removed],
    };
    try {
      this.namespace.to(listChannel(tenantId)).emit(ServerEvent.roomListChanged, payload);
    } catch (error) {
      this.logger.warn(`Could not push the room list: ${String(error)}`);
    }
  }
}
