import { Injectable } from '@nestjs/common';
import type { RoomAggregate } from '../rules/room-aggregate';

/** Rooms whose rows this node keeps in memory; far more than one node serves at once. */
const MAX_ROOMS = 5000;

/**
 * The rows of recently changed rooms, each valid for exactly one room `version`. Every change to
 * a room's members, issues or votes bumps that version in the same transaction, so a cached
 * aggregate whose version equals the freshly locked row's is what the database holds, and the
 * hot path (a vote) skips re-reading the room's rows.
 */
@Injectable()
export class RoomCache {
  private readonly rooms = new Map<string, RoomAggregate>();

  /** The newest rows known for a room; callers copy before changing them (nothing changes them in place). */
  peek(roomId: string): RoomAggregate | undefined {
    return this.rooms.get(roomId);
  }

  /** Hands out (and removes, while a transaction works on it) the aggregate at `version`. */
  take(roomId: string, version: number): RoomAggregate | undefined {
    const cached = this.rooms.get(roomId);
    this.rooms.delete(roomId);
    return cached && cached.room.version === version ? cached : undefined;
  }

  /** Keeps a committed aggregate, unless a newer one is already known. */
  put(aggregate: RoomAggregate): void {
    const roomId = aggregate.room.id;
    const known = this.rooms.get(roomId);
    if (known && known.room.version > aggregate.room.version) return;
    this.rooms.delete(roomId);
    this.rooms.set(roomId, aggregate);
    if (this.rooms.size > MAX_ROOMS) {
      const oldest = this.rooms.keys().next().value;
      if (oldest !== undefined) this.rooms.delete(oldest);
    }
  }

  evict(roomId: string): void {
    this.rooms.delete(roomId);
  }

  /** Forgets every room of a tenant (it uninstalled): nothing of it may be served from memory. */
  evictTenant(tenantId: string): void {
    for (const [roomId, aggregate] of this.rooms) {
      if (aggregate.room.tenantId === tenantId) this.rooms.delete(roomId);
    }
  }
}
