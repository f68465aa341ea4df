import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden } from '../errors/domain.error';
import { IssueQueueService } from '../jira/issue-queue.service';
import { jiraUnavailable, JiraService } from '../jira/jira.service';
import { Tenant } from '../tenants/tenant.entity';

@Injectable()
export class SettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jira: JiraService,
    private readonly issueQueue: IssueQueueService,
  ) {}

  /** Anyone of the tenant may read which field is used; the ID alone reveals nothing. */
  async get(tenantId: string, _accountId: string | null): Promise<{ fieldId: string | null }> {
    const tenant = await this.dataSource.getRepository(Tenant).findOneByOrFail({ id: tenantId });
    return { fieldId: tenant.defaultFieldId };
  }

  /** Only a Jira admin (asked of Jira, never trusted from the browser) may change it. */
  async setField(
    tenantId: string,
    accountId: string | null,
    fieldId: string,
  ): Promise<{ fieldId: string }> {
    await this.requireAdmin(tenantId, accountId);
    await this.issueQueue.requireNumericField({ tenantId, accountId: accountId ?? '' }, fieldId);
    await this.dataSource
      .getRepository(Tenant)
      .update({ id: tenantId }, { defaultFieldId: fieldId });
    return { fieldId };
  }

  async requireAdmin(tenantId: string, accountId: string | null): Promise<void> {
    if (!accountId) throw forbidden('Only a Jira administrator can do this.');
    let admin: boolean;
    try {
      admin = await this.jira.isAdmin(tenantId, accountId);
    } catch (error) {
      throw jiraUnavailable(error);
    }
    if (!admin) throw forbidden('Only a Jira administrator can do this.');
  }
}
