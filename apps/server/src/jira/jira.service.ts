import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { badRequest, DomainError, notFound } from '../errors/domain.error';
import { TenantsService } from '../tenants/tenants.service';
import { JiraClient } from './jira-client';
import type { JiraCaller } from './jira-credentials';
import { jiraFailure } from './jira-failures';
import type {
  JiraEditMeta,
  JiraField,
  JiraIssueRef,
  JiraPermissionCheck,
  JiraSearchPage,
} from './jira-types';

/** Field lists change rarely; a minute of caching spares Jira a call per room change. */
const FIELD_CACHE_MS = 60_000;

/**
 * Typed Jira calls for one tenant: as the person when the caller carries their Forge token
 * (Jira then enforces what they may see and change), else as the app (Connect).
 */
@Injectable()
export class JiraService {
  private readonly fieldCache = new Map<string, { fields: JiraField[]; until: number }>();
  /**
   * Each tenant's Connect client key (null: Forge only), so a call made as the app reads no
   * tenant row; the secret behind it comes from TenantsService's cache, which a re-install
   * refreshes. Dropped when the tenant is removed.
   */
  private readonly clientKeys = new Map<string, string | null>();

  constructor(
    private readonly tenants: TenantsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    tenants.onRemoved((tenantId) => this.clientKeys.delete(tenantId));
  }

  async fields(caller: JiraCaller): Promise<JiraField[]> {
    // What a person sees may differ from what the app sees: only the app's answer is shared.
    const shared = !caller.jira;
    const cached = shared ? this.fieldCache.get(caller.tenantId) : undefined;
    if (cached && cached.until > Date.now()) return cached.fields;
    const fields = await (
      await this.client(caller)
    ).request<JiraField[]>('GET', '/rest/api/3/field');
    if (shared)
      this.fieldCache.set(caller.tenantId, { fields, until: Date.now() + FIELD_CACHE_MS });
    return fields;
  }

  async issue(caller: JiraCaller, key: string): Promise<JiraIssueRef> {
    return (await this.client(caller)).request<JiraIssueRef>(
      'GET',
      `/rest/api/3/issue/${encodeURIComponent(key)}`,
      { fields: 'project' },
    );
  }

  async editMeta(caller: JiraCaller, key: string): Promise<JiraEditMeta> {
    return (await this.client(caller)).request<JiraEditMeta>(
      'GET',
      `/rest/api/3/issue/${encodeURIComponent(key)}/editmeta`,
    );
  }

  async setField(caller: JiraCaller, key: string, fieldId: string, value: number): Promise<void> {
    await (
      await this.client(caller)
    ).request<void>(
      'PUT',
      `/rest/api/3/issue/${encodeURIComponent(key)}`,
      {},
      { fields: { [fieldId]: value } },
    );
  }

  async search(
    caller: JiraCaller,
    jql: string,
    maxResults: number,
    nextPageToken?: string,
  ): Promise<JiraSearchPage> {
    return (await this.client(caller)).request<JiraSearchPage>(
      'POST',
      '/rest/api/3/search/jql',
      {},
      {
        jql,
        fields: ['key'],
        maxResults,
        ...(nextPageToken ? { nextPageToken } : {}),
      },
    );
  }

  /**
   * What `accountId` may do. As the app (Connect) we ask about that account; as the person
   * (Forge) Jira answers for the caller itself, and only an admin may ask about others.
   */
  async checkPermissions(
    caller: JiraCaller,
    accountId: string,
    request: { issueIds?: number[]; global?: string[]; permission?: string },
  ): Promise<JiraPermissionCheck> {
    return (await this.client(caller)).request<JiraPermissionCheck>(
      'POST',
      '/rest/api/3/permissions/check',
      {},
      {
        ...(caller.jira?.kind === 'forge-user' ? {} : { accountId }),
        ...(request.issueIds
          ? {
              projectPermissions: [
                { permissions: [request.permission ?? 'EDIT_ISSUES'], issues: request.issueIds },
              ],
            }
          : {}),
        ...(request.global ? { globalPermissions: request.global } : {}),
      },
    );
  }

  /** Whether the account is a Jira administrator of this site (checked in Jira, not trusted). */
  async isAdmin(caller: JiraCaller, accountId: string): Promise<boolean> {
    const answer = await this.checkPermissions(caller, accountId, { global: ['ADMINISTER'] });
    return (answer.globalPermissions ?? []).includes('ADMINISTER');
  }

  /** BAD_REQUEST unless `fieldId` is a number field of this Jira (estimates are numbers). */
  async requireNumberField(caller: JiraCaller, fieldId: string): Promise<JiraField> {
    let fields: JiraField[];
    try {
      fields = await this.fields(caller);
    } catch (error) {
      throw jiraFailure(error);
    }
    const field = fields.find((f) => f.id === fieldId);
    if (!field) throw badRequest(`Field ${fieldId} does not exist in this Jira site.`);
    if (field.schema?.type !== 'number') {
      throw badRequest(`Field ${fieldId} does not hold numbers, so it cannot take an estimate.`);
    }
    return field;
  }

  /** A raw client for calls outside this list (personal data reporting). */
  async client(caller: JiraCaller): Promise<JiraClient> {
    if (caller.jira) {
      const { apiBaseUrl, token } = caller.jira;
      return this.bearerClient(apiBaseUrl, token);
    }
    const clientKey = await this.clientKeyOf(caller.tenantId);
    const found = clientKey ? await this.tenants.findWithSecret(clientKey) : null;
    if (!found) {
      // A Forge-only site: the app has no way to call Jira without a token from Forge.
      throw new DomainError('JIRA_ERROR', 'Open the app in Jira again to reconnect it.');
    }
    return new JiraClient(
      { baseUrl: found.tenant.baseUrl, auth: { kind: 'jwt', sharedSecret: found.sharedSecret } },
      this.config.jira,
    );
  }

  /** A client for an absolute URL with a Forge token (Forge's personal data reporting). */
  bearerClient(baseUrl: string, token: string): JiraClient {
    return new JiraClient({ baseUrl, auth: { kind: 'bearer', token } }, this.config.jira);
  }

  private async clientKeyOf(tenantId: string): Promise<string | null> {
    const known = this.clientKeys.get(tenantId);
    // A Forge-only site may install the Connect app later: only a key, once seen, is kept.
    if (known) return known;
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) throw notFound('Installation');
    if (tenant.clientKey) this.clientKeys.set(tenantId, tenant.clientKey);
    return tenant.clientKey;
  }
}
