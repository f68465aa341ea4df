import { Injectable } from '@nestjs/common';
import { DomainError, notFound } from '../errors/domain.error';
import { TenantsService } from '../tenants/tenants.service';
import { DEFAULT_JIRA_OPTIONS, JiraClient, JiraClientOptions } from './jira-client';
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

/** Typed Jira calls for one tenant, made as the app. */
@Injectable()
export class JiraService {
  private readonly fieldCache = new Map<string, { fields: JiraField[]; until: number }>();
  private options: JiraClientOptions = DEFAULT_JIRA_OPTIONS;

  constructor(private readonly tenants: TenantsService) {}

  /** Lets tests shorten timeouts and backoff. */
  configure(options: Partial<JiraClientOptions>): void {
    this.options = { ...this.options, ...options };
  }

  async fields(tenantId: string): Promise<JiraField[]> {
    const cached = this.fieldCache.get(tenantId);
    if (cached && cached.until > Date.now()) return cached.fields;
    const fields = await (
      await this.client(tenantId)
    ).request<JiraField[]>('GET', '/rest/api/3/field');
    this.fieldCache.set(tenantId, { fields, until: Date.now() + FIELD_CACHE_MS });
    return fields;
  }

  async issue(tenantId: string, key: string): Promise<JiraIssueRef> {
    return (await this.client(tenantId)).request<JiraIssueRef>(
      'GET',
      `/rest/api/3/issue/${encodeURIComponent(key)}`,
      { fields: 'project' },
    );
  }

  async editMeta(tenantId: string, key: string): Promise<JiraEditMeta> {
    return (await this.client(tenantId)).request<JiraEditMeta>(
      'GET',
      `/rest/api/3/issue/${encodeURIComponent(key)}/editmeta`,
    );
  }

  async setField(tenantId: string, key: string, fieldId: string, value: number): Promise<void> {
    await (
      await this.client(tenantId)
    ).request<void>(
      'PUT',
      `/rest/api/3/issue/${encodeURIComponent(key)}`,
      {},
      { fields: { [fieldId]: value } },
    );
  }

  async search(
    tenantId: string,
    jql: string,
    maxResults: number,
    nextPageToken?: string,
  ): Promise<JiraSearchPage> {
    return (await this.client(tenantId)).request<JiraSearchPage>(
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

  async checkPermissions(
    tenantId: string,
    accountId: string,
    request: { issueIds?: number[]; global?: string[] },
  ): Promise<JiraPermissionCheck> {
    return (await this.client(tenantId)).request<JiraPermissionCheck>(
      'POST',
      '/rest/api/3/permissions/check',
      {},
      {
        accountId,
        ...(request.issueIds
          ? { projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: request.issueIds }] }
          : {}),
        ...(request.global ? { globalPermissions: request.global } : {}),
      },
    );
  }

  /** Whether the account is a Jira administrator of this site (checked in Jira, not trusted). */
  async isAdmin(tenantId: string, accountId: string): Promise<boolean> {
    const answer = await this.checkPermissions(tenantId, accountId, { global: ['ADMINISTER'] });
    return (answer.globalPermissions ?? []).includes('ADMINISTER');
  }

  /** A raw signed client for calls outside this list (personal data reporting). */
  async client(tenantId: string): Promise<JiraClient> {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) throw notFound('Installation');
    const found = await this.tenants.findWithSecret(tenant.clientKey);
    if (!found) throw notFound('Installation');
    return new JiraClient(
      { baseUrl: tenant.baseUrl, sharedSecret: found.sharedSecret },
      this.options,
    );
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
