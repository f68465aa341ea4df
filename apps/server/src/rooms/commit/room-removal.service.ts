import { Injectable, Optional } from '@nestjs/common';
import { RoomBroadcaster } from '../live/room-broadcaster.service';
import { RoomListPublisher } from '../live/room-list-publisher.service';
import type { RoomAggregate } from '../rules/room-aggregate';
import { RoomCache } from '../store/room-cache.service';
import { RoomRepository } from '../store/room.repository';

/**
 * Removes a room: one DELETE of the locked room row that cascades to its members, issues and
 * votes, then `room:removed` to every socket of the room on every node. The owner's
 * `room:remove` and the privacy jobs (retention, closed accounts) all remove rooms through it.
 */
@Injectable()
export class RoomRemovalService {
  constructor(
    private readonly rooms: RoomRepository,
    private readonly broadcaster: RoomBroadcaster,
    private readonly cache: RoomCache,
    @Optional() private readonly roomList?: RoomListPublisher,
  ) {}

  /**
   * Removes the room if `stillApplies` holds for it under the lock (the reason to remove it
   * may have gone since the caller looked: someone joined, or the room was used again). A
   * refusal thrown by `stillApplies` leaves the room as it was.
   */
  async removeIf(
    tenantId: string,
    roomId: string,
    stillApplies: (aggregate: RoomAggregate) => boolean,
  ): Promise<boolean> {
    const removed = await this.rooms.withLock(tenantId, roomId, async (locked) => {
      if (!stillApplies(await locked.load())) return false;
      await locked.remove();
      return true;
    });
    if (!removed) return false;
    this.cache.evict(roomId);
    this.broadcaster.removed(roomId);
    this.roomList?.removed(tenantId, roomId);
    return true;
  }
}
