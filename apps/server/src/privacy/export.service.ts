import { Injectable } from '@nestjs/common';
import type { Deck, MemberRole } from '@poker/shared';
import { DataSource, type ObjectLiteral } from 'typeorm';
import { notFound } from '../errors/domain.error';
import { Room } from '../rooms/room.entity';
import { RoomIssue } from '../rooms/room-issue.entity';
import { RoomMember } from '../rooms/room-member.entity';
import { Vote } from '../rooms/vote.entity';
import { Tenant } from '../tenants/tenant.entity';

/** Everything stored for one Jira site (DESIGN.md "What is stored"), except the shared secret. */
export interface TenantExport {
  exportedAt: string;
  installation: {
    /** Null for a site that installed only on Forge. */
    clientKey: string | null;
    cloudId: string | null;
    forgeInstallationId: string | null;
    baseUrl: string;
    zone: string;
    defaultFieldId: string | null;
    installedAt: string;
  };
  rooms: RoomExport[];
}

export interface RoomExport {
  id: string;
  name: string;
  ownerAccountId: string;
  deck: Deck;
  fieldId: string | null;
  autoReveal: boolean;
  autoAdvance: boolean;
  currentIssueKey: string | null;
  round: number;
  revealed: boolean;
  timerEndsAt: string | null;
  version: number;
  updatedAt: string;
  issues: {
    issueKey: string;
    position: number;
    savedValue: number | null;
    savedAt: string | null;
    savedByAccountId: string | null;
  }[];
  members: { accountId: string; role: MemberRole; lastSeenAt: string }[];
  votes: { issueKey: string; round: number; accountId: string; value: string }[];
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The admin's download of their site's data: read straight from the rows, scoped to the tenant. */
@Injectable()
export class ExportService {
  constructor(private readonly dataSource: DataSource) {}

  async export(tenantId: string): Promise<TenantExport> {
    const tenant = await this.dataSource.getRepository(Tenant).findOneBy({ id: tenantId });
    if (!tenant) throw notFound('Installation');
    const rooms = await this.dataSource
      .getRepository(Room)
      .find({ where: { tenantId }, order: { updatedAt: 'DESC', id: 'ASC' } });
    const issues = await this.ofTenantRooms(RoomIssue, tenantId, ['position']);
    const members = await this.ofTenantRooms(RoomMember, tenantId, ['accountId']);
    const votes = await this.ofTenantRooms(Vote, tenantId, ['issueKey', 'round', 'accountId']);
    return {
      exportedAt: new Date().toISOString(),
      installation: {
        clientKey: tenant.clientKey,
        cloudId: tenant.cloudId,
        forgeInstallationId: tenant.forgeInstallationId,
        baseUrl: tenant.baseUrl,
        zone: tenant.zone,
        defaultFieldId: tenant.defaultFieldId,
        installedAt: tenant.installedAt.toISOString(),
      },
      rooms: rooms.map((room) => ({
        id: room.id,
        name: room.name,
        ownerAccountId: room.ownerAccountId,
        deck: room.deck,
        fieldId: room.fieldId,
        autoReveal: room.autoReveal,
        autoAdvance: room.autoAdvance,
        currentIssueKey: room.currentIssueKey,
        round: room.round,
        revealed: room.revealed,
        timerEndsAt: iso(room.timerEndsAt),
        version: room.version,
        updatedAt: room.updatedAt.toISOString(),
        issues: issues
          .filter((issue) => issue.roomId === room.id)
          .map(({ issueKey, position, savedValue, savedAt, savedByAccountId }) => ({
            issueKey,
            position,
            savedValue,
            savedAt: iso(savedAt),
            savedByAccountId,
          })),
        members: members
          .filter((member) => member.roomId === room.id)
          .map(({ accountId, role, lastSeenAt }) => ({
            accountId,
            role,
            lastSeenAt: lastSeenAt.toISOString(),
          })),
        votes: votes
          .filter((vote) => vote.roomId === room.id)
          .map(({ issueKey, round, accountId, value }) => ({ issueKey, round, accountId, value })),
      })),
    };
  }

  /** Rows of a room's child table, only for rooms of this tenant (joined, never trusted by ID). */
  private ofTenantRooms<T extends ObjectLiteral>(
    entity: new () => T,
    tenantId: string,
    order: (keyof T & string)[],
  ): Promise<T[]> {
    const query = this.dataSource
      .getRepository(entity)
      .createQueryBuilder('child')
      .innerJoin(Room, 'room', 'room.id = child.roomId')
      .where('room.tenantId = :tenantId', { tenantId })
      .orderBy('child.roomId', 'ASC');
    order.forEach((property) => query.addOrderBy(`child.${property}`, 'ASC'));
    return query.getMany();
  }
}
