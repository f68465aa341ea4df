import { Injectable } from '@nestjs/common';
import { notFound } from '../errors/domain.error';
import type { IssueRow, MemberRow, RoomRow, VoteRow } from '../rooms/rules/room-aggregate';
import { RoomRepository } from '../rooms/store/room.repository';
import { ProjectFieldsService } from '../tenants/project-fields.service';
import { TenantsService } from '../tenants/tenants.service';

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
    /** A Jira admin's field per project (project key → field ID). */
    projectFields: Record<string, string>;
    installedAt: string;
  };
  rooms: RoomExport[];
}

/** Dates as ISO strings, so the download is plain JSON. */
type Exported<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

/** A room with every row it has, as stored: the room's columns but its tenant, then its rows. */
export type RoomExport = Exported<Omit<RoomRow, 'tenantId'>> & {
  issues: Exported<Omit<IssueRow, 'roomId'>>[];
  members: Exported<Omit<MemberRow, 'roomId'>>[];
  votes: Omit<VoteRow, 'roomId'>[];
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function withoutTenant<T extends { tenantId: string }>(row: T): Omit<T, 'tenantId'> {
  const copy: Partial<T> = { ...row };
  delete copy.tenantId;
  return copy as Omit<T, 'tenantId'>;
}

/** The admin's download of their site's data: read straight from the rows, scoped to the tenant. */
@Injectable()
export class ExportService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly projectFields: ProjectFieldsService,
    private readonly rooms: RoomRepository,
  ) {}

  async export(tenantId: string): Promise<TenantExport> {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) throw notFound('Installation');
    const records = await this.rooms.records(tenantId);
    const projectFields = await this.projectFields.of(tenantId);
    return {
      exportedAt: new Date().toISOString(),
      installation: {
        clientKey: tenant.clientKey,
        cloudId: tenant.cloudId,
        forgeInstallationId: tenant.forgeInstallationId,
        baseUrl: tenant.baseUrl,
        zone: tenant.zone,
        defaultFieldId: tenant.defaultFieldId,
        projectFields,
        installedAt: tenant.installedAt.toISOString(),
      },
      rooms: records.map(({ room, issues, members, votes }) => {
        // Every column of the room but the tenant (the whole export is one tenant's).
        const { timerEndsAt, updatedAt, ...columns } = room;
        return {
          ...withoutTenant(columns),
          timerEndsAt: iso(timerEndsAt),
          updatedAt: updatedAt.toISOString(),
          issues: issues.map((issue) => ({
            issueKey: issue.issueKey,
            position: issue.position,
            fieldId: issue.fieldId,
            savedValue: issue.savedValue,
            savedAt: iso(issue.savedAt),
            savedByAccountId: issue.savedByAccountId,
            savedRounds: issue.savedRounds,
            savedConsensus: issue.savedConsensus,
          })),
          members: members.map(({ accountId, role, lastSeenAt }) => ({
            accountId,
            role,
            lastSeenAt: lastSeenAt.toISOString(),
          })),
          votes: votes.map(({ issueKey, round, accountId, value }) => ({
            issueKey,
            round,
            accountId,
            value,
          })),
        };
      }),
    };
  }
}
