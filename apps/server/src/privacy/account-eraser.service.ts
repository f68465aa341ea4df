import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError } from '../errors/domain.error';
import type { RoomAggregate } from '../rooms/room-aggregate';
import { RoomIssue } from '../rooms/room-issue.entity';
import { RoomMember } from '../rooms/room-member.entity';
import { RoomMutator } from '../rooms/room-mutator.service';
import { Vote } from '../rooms/vote.entity';
import { pickSuccessor } from './owner-succession';
import { SocketEvictions } from '../rooms/socket-evictions.service';
import { RoomRemovalService } from '../rooms/room-removal.service';

/** What erasing one account did to a tenant's rooms. */
export interface Erasure {
  /** Rooms that stay, without the account (another member may now own them). */
  changed: number;
  /** Rooms the account owned alone, removed as their owner would. */
  removed: number;
}

/** The owner left and took the last member with them: remove the room instead. */
class NobodyLeft extends Error {}

/** Changes racing with the erasure (the last member leaving meanwhile) are retried this often. */
const ATTEMPTS = 3;

/**
 * Erases an account Atlassian reported closed from one tenant's rooms: its votes and
 * memberships are deleted and its name is taken off saved estimates (the value Jira holds
 * stays). A room it owned passes to another member, or is removed when nobody else is in it.
 * Every change goes through RoomMutator, so the members see the new snapshot at once.
 */
@Injectable()
export class AccountEraser {
  constructor(
    private readonly dataSource: DataSource,
    private readonly mutator: RoomMutator,
    private readonly removal: RoomRemovalService,
    private readonly evictions: SocketEvictions,
  ) {}

  async erase(tenantId: string, accountId: string): Promise<Erasure> {
    const erasure: Erasure = { changed: 0, removed: 0 };
    // First shut the account out everywhere, so that no open tab writes a row back meanwhile.
    this.evictions.disconnectAccount(tenantId, accountId);
    for (const roomId of await this.roomsHolding(tenantId, accountId)) {
      const outcome = await this.eraseFromRoom(tenantId, roomId, accountId);
      if (outcome !== 'gone') erasure[outcome] += 1;
    }
    return erasure;
  }

  /** Every room of the tenant with a row that names the account, in any column. */
  private async roomsHolding(tenantId: string, accountId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT r.id FROM room r
        WHERE r.tenant_id = $1
          AND (r.owner_account_id = $2
            OR EXISTS (SELECT 1 FROM room_member m WHERE m.room_id = r.id AND m.account_id = $2)
            OR EXISTS (SELECT 1 FROM vote v WHERE v.room_id = r.id AND v.account_id = $2)
            OR EXISTS (SELECT 1 FROM room_issue i WHERE i.room_id = r.id AND i.saved_by_account_id = $2))
        ORDER BY r.id`,
      [tenantId, accountId],
    );
    return rows.map((row) => row.id);
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
        await this.mutator.mutate({ tenantId, accountId }, roomId, ({ em, aggregate }) =>
          this.withoutAccount(em, aggregate, accountId),
        );
        return 'changed';
      } catch (error) {
        if (error instanceof DomainError && error.code === 'NOT_FOUND') return 'gone';
        if (!(error instanceof NobodyLeft) || attempt >= ATTEMPTS) throw error;
      }
    }
  }

  private async withoutAccount(
    em: EntityManager,
    aggregate: RoomAggregate,
    accountId: string,
  ): Promise<void> {
    const { room } = aggregate;
    if (room.ownerAccountId === accountId) {
      const successor = pickSuccessor(aggregate.members, accountId);
      if (!successor) throw new NobodyLeft();
      await em.update(
        RoomMember,
        { roomId: room.id, accountId: successor.accountId },
        { role: 'owner' },
      );
      room.ownerAccountId = successor.accountId;
    }
    await em.delete(Vote, { roomId: room.id, accountId });
    await em.delete(RoomMember, { roomId: room.id, accountId });
    await em.update(
      RoomIssue,
      { roomId: room.id, savedByAccountId: accountId },
      { savedByAccountId: null },
    );
  }
}
