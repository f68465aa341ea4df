import { Injectable } from '@nestjs/common';
import { DomainError, notFound } from '../errors/domain.error';
import { TenantsService } from '../tenants/tenants.service';
import { DEFAULT_JIRA_OPTIONS, JiraClient, JiraClientOptions } from './jira-client';
import type { JiraCaller } from './jira-credentials';
import { JiraError } from './jira-error';
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
  private options: JiraClientOptions = DEFAULT_JIRA_OPTIONS;

  constructor(private readonly tenants: TenantsService) {}

  /** Lets tests shorten timeouts and backoff. */
  configure(options: Partial<JiraClientOptions>): void {
    this.options = { ...this.options, ...options };
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

  /** A raw client for calls outside this list (personal data reporting). */
  async client(caller: JiraCaller): Promise<JiraClient> {
    if (caller.jira) {
      const { apiBaseUrl, token } = caller.jira;
      return new JiraClient({ baseUrl: apiBaseUrl, auth: { kind: 'bearer', token } }, this.options);
    }
    const tenant = await this.tenants.findById(caller.tenantId);
    if (!tenant) throw notFound('Installation');
    const found = tenant.clientKey ? await this.tenants.findWithSecret(tenant.clientKey) : null;
    if (!found) {
      // A Forge-only site: the app has no way to call Jira without a token from Forge.
      throw new DomainError('JIRA_ERROR', 'Open the app in Jira again to reconnect it.');
    }
    return new JiraClient(
      { baseUrl: tenant.baseUrl, auth: { kind: 'jwt', sharedSecret: found.sharedSecret } },
      this.options,
    );
  }

  /** A client for an absolute URL with a Forge token (Forge's personal data reporting). */
  bearerClient(baseUrl: string, token: string): JiraClient {
    return new JiraClient({ baseUrl, auth: { kind: 'bearer', token } }, this.options);
  }
}

/** Maps a Jira failure without a more specific meaning onto the contract's JIRA_ERROR. */
export function jiraUnavailable(error: unknown): DomainError {
  if (error instanceof JiraError) {
    if (error.status === 0)
      return new DomainError('JIRA_ERROR', `${error.message} Try again in a moment.`);
    if (error.status === 429) {
      return new DomainError(
        'JIRA_ERROR',
        'Jira is rate-limiting this app; try again in a minute.',
      );
    }
    if (error.status >= 500) {
      return new DomainError(
        'JIRA_ERROR',
        `Jira is having trouble (HTTP ${error.status}); try again later.`,
      );
    }
    return new DomainError('JIRA_ERROR', `Jira refused the request (HTTP ${error.status}).`);
  }
  if (error instanceof DomainError) return error;
  return new DomainError('JIRA_ERROR', 'Jira could not be reached.');
}
