import { Injectable } from '@nestjs/common';
import { forbidden, notFound } from '../errors/domain.error';
import type { JiraCaller } from '../jira/jira-credentials';
import { jiraFailure } from '../jira/jira-failures';
import { JiraService } from '../jira/jira.service';
import { JiraBudget } from '../rate-limits/jira-budget.service';
import { TenantsService } from '../tenants/tenants.service';

@Injectable()
export class SettingsService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly jira: JiraService,
    private readonly budget: JiraBudget,
  ) {}

  /** Anyone of the tenant may read which field is used; the ID alone reveals nothing. */
  async get(tenantId: string, _accountId: string | null): Promise<{ fieldId: string | null }> {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) throw notFound('Installation');
    return { fieldId: tenant.defaultFieldId };
  }

  /** Only a Jira admin (asked of Jira, never trusted from the browser) may change it. */
  async setField(
    caller: JiraCaller,
    accountId: string | null,
    fieldId: string,
  ): Promise<{ fieldId: string }> {
    await this.requireAdmin(caller, accountId);
    await this.budget.spend({ tenantId: caller.tenantId, accountId: accountId ?? '' });
    await this.jira.requireNumberField(caller, fieldId);
    await this.tenants.setDefaultField(caller.tenantId, fieldId);
    return { fieldId };
  }

  async requireAdmin(caller: JiraCaller, accountId: string | null): Promise<void> {
    if (!accountId) throw forbidden('Only a Jira administrator can do this.');
    await this.budget.spend({ tenantId: caller.tenantId, accountId });
    let admin: boolean;
    try {
      admin = await this.jira.isAdmin(caller, accountId);
    } catch (error) {
      throw jiraFailure(error);
    }
    if (!admin) throw forbidden('Only a Jira administrator can do this.');
  }
}
