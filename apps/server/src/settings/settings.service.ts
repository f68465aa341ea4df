import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { forbidden } from '../errors/domain.error';
import { IssueQueueService } from '../jira/issue-queue.service';
import type { JiraCaller } from '../jira/jira-credentials';
import { jiraUnavailable, JiraService } from '../jira/jira.service';
import { JiraBudget } from '../rate-limits/jira-budget.service';
import { Tenant } from '../tenants/tenant.entity';

@Injectable()
export class SettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jira: JiraService,
    private readonly issueQueue: IssueQueueService,
    private readonly budget: JiraBudget,
  ) {}

  /** Anyone of the tenant may read which field is used; the ID alone reveals nothing. */
  async get(tenantId: string, _accountId: string | null): Promise<{ fieldId: string | null }> {
    const tenant = await this.dataSource.getRepository(Tenant).findOneByOrFail({ id: tenantId });
    return { fieldId: tenant.defaultFieldId };
  }

  /** Only a Jira admin (asked of Jira, never trusted from the browser) may change it. */
  async setField(
    caller: JiraCaller,
    accountId: string | null,
    fieldId: string,
  ): Promise<{ fieldId: string }> {
    await this.requireAdmin(caller, accountId);
    await this.issueQueue.requireNumericField({ ...caller, accountId: accountId ?? '' }, fieldId);
    await this.dataSource
      .getRepository(Tenant)
      .update({ id: caller.tenantId }, { defaultFieldId: fieldId });
    return { fieldId };
  }

  async requireAdmin(caller: JiraCaller, accountId: string | null): Promise<void> {
    if (!accountId) throw forbidden('Only a Jira administrator can do this.');
    await this.budget.spend({ tenantId: caller.tenantId, accountId });
    let admin: boolean;
    try {
      admin = await this.jira.isAdmin(caller, accountId);
    } catch (error) {
      throw jiraUnavailable(error);
    }
    if (!admin) throw forbidden('Only a Jira administrator can do this.');
  }
}
