import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadAggregate, type RoomAggregate } from './room-aggregate';
import { RoomBroadcaster } from './room-broadcaster.service';
import { RoomCache } from './room-cache.service';
import { Room } from './room.entity';

/**
 * Removes a room: one DELETE of the locked room row that cascades to its members, issues and
 * votes, then `room:removed` to every socket of the room on every node. The owner's
 * `room:remove` and the privacy jobs (retention, closed accounts) all remove rooms through it.
 */
@Injectable()
export class RoomRemovalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly broadcaster: RoomBroadcaster,
    private readonly cache: RoomCache,
  ) {}

  /**
   * Removes the room if `stillApplies` holds for it under the lock (the reason to remove it
   * may have gone since the caller looked: someone joined, or the room was used again).
   */
  async removeIf(
    tenantId: string,
    roomId: string,
    stillApplies: (aggregate: RoomAggregate) => boolean,
  ): Promise<boolean> {
    const removed = await this.dataSource.transaction(async (em) => {
      const room = await em.findOne(Room, {
        where: { id: roomId, tenantId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!room || !stillApplies(await loadAggregate(em, room))) return false;
      await em.delete(Room, { id: room.id, tenantId });
      return true;
    });
    if (!removed) return false;
    this.cache.evict(roomId);
    this.broadcaster.removed(roomId);
    return true;
  }
}
