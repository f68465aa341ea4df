import { Injectable } from '@nestjs/common';
import { DomainError } from '../errors/domain.error';
import { RoomCommitter } from '../rooms/commit/room-committer.service';
import { RoomRemovalService } from '../rooms/commit/room-removal.service';
import { SocketEvictions } from '../rooms/live/socket-evictions.service';
import type { RoomAggregate } from '../rooms/rules/room-aggregate';
import { eraseAccount, NobodyLeftError } from '../rooms/rules/transitions/erase-account';
import { RoomRepository } from '../rooms/store/room.repository';

/** What erasing one account did to a tenant's rooms. */
export interface Erasure {
  /** Rooms that stay, without the account (another member may now own them). */
  changed: number;
  /** Rooms the account owned alone, removed as their owner would. */
  removed: number;
}

/** Changes racing with the erasure (the last member leaving meanwhile) are retried this often. */
const ATTEMPTS = 3;

/**
 * Erases an account Atlassian reported closed from one tenant's rooms: its votes and
 * memberships are deleted and its name is taken off saved estimates (the value Jira holds
 * stays). A room it owned passes to another member, or is removed when nobody else is in it.
 * Every change goes through RoomCommitter, so the members see the new snapshot at once.
 */
@Injectable()
export class AccountEraser {
  constructor(
    private readonly rooms: RoomRepository,
    private readonly committer: RoomCommitter,
    private readonly removal: RoomRemovalService,
    private readonly evictions: SocketEvictions,
  ) {}

  async erase(tenantId: string, accountId: string): Promise<Erasure> {
    const erasure: Erasure = { changed: 0, removed: 0 };
    // First shut the account out everywhere, so that no open tab writes a row back meanwhile.
    this.evictions.disconnectAccount(tenantId, accountId);
    for (const roomId of await this.rooms.roomsHolding(tenantId, accountId)) {
      const outcome = await this.eraseFromRoom(tenantId, roomId, accountId);
      if (outcome !== 'gone') erasure[outcome] += 1;
    }
    return erasure;
  }

  private async eraseFromRoom(
    tenantId: string,
    roomId: string,
    accountId: string,
  ): Promise<keyof Erasure | 'gone'> {
    const ownerAlone = ({ room, members }: RoomAggregate) =>
      room.ownerAccountId === accountId && members.every((m) => m.accountId === accountId);
    for (let attempt = 1; ; attempt += 1) {
      if (await this.removal.removeIf(tenantId, roomId, ownerAlone)) return 'removed';
      try {
        const actor = { tenantId, accountId };
        await this.committer.apply(actor, roomId, (aggregate, context) =>
          eraseAccount(aggregate, actor, { accountId }, context),
        );
        return 'changed';
      } catch (error) {
        // The last other member left meanwhile: the room is removed on the next attempt.
        if (error instanceof NobodyLeftError && attempt < ATTEMPTS) continue;
        if (error instanceof DomainError && error.code === 'NOT_FOUND') return 'gone';
        throw error;
      }
    }
  }
}
