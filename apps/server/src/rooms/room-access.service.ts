import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden, notFound } from '../errors/domain.error';
import type { Actor } from './room-rules';
import { Room } from './room.entity';

/**
 * Owner-only checks made before slow work that only the owner may trigger (Jira calls: adding
 * issues, saving an estimate), so a stranger is refused without costing a Jira round trip. The
 * change itself checks again under the room's lock.
 */
@Injectable()
export class RoomAccess {
  constructor(private readonly dataSource: DataSource) {}

  /** The actor's tenant's room, if the actor owns it: NOT_FOUND or FORBIDDEN otherwise. */
  async requireOwned(actor: Actor, roomId: string, action: string): Promise<Room> {
    const room = await this.dataSource
      .getRepository(Room)
      .findOneBy({ id: roomId, tenantId: actor.tenantId });
    if (!room) throw notFound();
    if (room.ownerAccountId !== actor.accountId) {
      throw forbidden(`Only the room owner can ${action}.`);
    }
    return room;
  }
}
