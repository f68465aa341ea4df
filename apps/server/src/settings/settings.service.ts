import { Injectable } from '@nestjs/common';
import type { SettingsView } from '@poker/shared';
import { conflict, forbidden, notFound } from '../errors/domain.error';
import type { JiraCaller } from '../jira/jira-credentials';
import { jiraFailure } from '../jira/jira-failures';
import { JiraService } from '../jira/jira.service';
import { JiraBudget } from '../rate-limits/jira-budget.service';
import { MAX_PROJECT_FIELDS, ProjectFieldsService } from '../tenants/project-fields.service';
import { TenantsService } from '../tenants/tenants.service';

/**
 * The site's estimate fields: the default, and a Jira admin's override per project. Only IDs
 * are kept (a project key and a field ID); names are read live in the browser.
 */
@Injectable()
export class SettingsService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly projectFields: ProjectFieldsService,
    private readonly jira: JiraService,
    private readonly budget: JiraBudget,
  ) {}

  /** Anyone of the tenant may read which fields are used; the IDs alone reveal nothing. */
  async get(tenantId: string, _accountId: string | null): Promise<SettingsView> {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) throw notFound('Installation');
    return { fieldId: tenant.defaultFieldId, projectFields: await this.projectFields.of(tenantId) };
  }

  /** Only a Jira admin (asked of Jira, never trusted from the browser) may change it. */
  async setField(
    caller: JiraCaller,
    accountId: string | null,
    fieldId: string,
  ): Promise<{ fieldId: string }> {
    await this.requireAdminAndField(caller, accountId, fieldId);
    await this.tenants.setDefaultField(caller.tenantId, fieldId);
    return { fieldId };
  }

  /** A project's own field, over the default (a Jira admin only, a number field of this site). */
  async setProjectField(
    caller: JiraCaller,
    accountId: string | null,
    projectKey: string,
    fieldId: string,
  ): Promise<SettingsView> {
    await this.requireAdminAndField(caller, accountId, fieldId);
    const current = await this.projectFields.of(caller.tenantId);
    if (!(projectKey in current) && Object.keys(current).length >= MAX_PROJECT_FIELDS) {
      throw conflict(`At most ${MAX_PROJECT_FIELDS} projects can have their own field.`);
    }
    await this.projectFields.set(caller.tenantId, projectKey, fieldId);
    return this.get(caller.tenantId, accountId);
  }

  /** The project goes back to the default field. NOT_FOUND when it had no override. */
  async removeProjectField(
    caller: JiraCaller,
    accountId: string | null,
    projectKey: string,
  ): Promise<SettingsView> {
    await this.requireAdmin(caller, accountId);
    if (!(await this.projectFields.remove(caller.tenantId, projectKey))) {
      throw notFound(`An estimate field for project ${projectKey}`);
    }
    return this.get(caller.tenantId, accountId);
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

  private async requireAdminAndField(
    caller: JiraCaller,
    accountId: string | null,
    fieldId: string,
  ): Promise<void> {
    await this.requireAdmin(caller, accountId);
    await this.budget.spend({ tenantId: caller.tenantId, accountId: accountId ?? '' });
    await this.jira.requireNumberField(caller, fieldId);
  }
}
