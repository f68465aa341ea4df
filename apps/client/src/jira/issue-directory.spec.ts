import { describe, expect, it } from '@jest/globals';
import { HostRequestError, type HostBridge, type HostRequest } from '../host/host-bridge';
import { IssueDirectory } from './issue-directory';

interface SearchBody {
  jql: string;
  fields: string[];
  maxResults: number;
  nextPageToken?: string;
  reconcileIssues?: number[];
}

/** A Jira that knows `existing` and answers `search/jql` as Jira does, paging at `pageSize`. */
function fakeJira(
  existing: string[],
  options: { pageSize?: number; message?: (key: string) => string } = {},
) {
  const calls: SearchBody[] = [];
  const {
    pageSize = 100,
    message = (key) => `An issue with key '${key}' does not exist for field 'key'.`,
  } = options;
  const bridge = {
    async request<T>({ url, method, body }: HostRequest): Promise<T> {
      expect(url).toBe('/rest/api/3/search/jql');
      expect(method).toBe('POST');
      const search = body as SearchBody;
      calls.push(search);
      const keys = [...search.jql.matchAll(/"([^"]+)"/g)].map((match) => match[1]);
      const unknown = keys.filter((key) => !existing.includes(key));
      if (unknown.length > 0) throw new HostRequestError(400, unknown.map(message).join(' '));
      const offset = Number(search.nextPageToken ?? 0);
      const page = keys.slice(offset, offset + pageSize);
      return {
        issues: page.map((key) => ({
          id: String(10000 + existing.indexOf(key)),
          key,
          fields: {
            summary: `Summary of ${key}`,
            status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
            subtasks: [{ key: `${key}-sub`, fields: { summary: 'Child' } }],
            customfield_1: 5,
          },
        })),
        ...(offset + pageSize < keys.length && { nextPageToken: String(offset + pageSize) }),
      } as T;
    },
  } as unknown as HostBridge;
  return { bridge, calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('IssueDirectory', () => {
  it('reads again, in one search, issues read before their estimate field was asked for', async () => {
    const jira = fakeJira(['PROJ-1', 'PROJ-2', 'PROJ-3']);
    const directory = new IssueDirectory(jira.bridge);
    directory.want(['PROJ-1', 'PROJ-2', 'PROJ-3']);
    await settle();
    directory.want(['PROJ-1'], ['customfield_1']);
    await settle();
    expect(directory.lacks('PROJ-2', ['customfield_1'])).toBe(true);
    directory.want(['PROJ-1', 'PROJ-2', 'PROJ-3'], ['customfield_1']);
    await settle();
    expect(jira.calls.map((call) => call.jql)).toEqual([
      'key in ("PROJ-1", "PROJ-2", "PROJ-3")',
      'key in ("PROJ-1")',
      'key in ("PROJ-2", "PROJ-3")',
    ]);
    const second = directory.issue('PROJ-2');
    expect(second?.found && second.values.customfield_1).toBe(5);
  });

  it('looks up the keys asked for in one tick with one search of at most 100 keys', async () => {
    const keys = Array.from({ length: 150 }, (_, index) => `PROJ-${index + 1}`);
    const jira = fakeJira(keys);
    const directory = new IssueDirectory(jira.bridge);
    directory.want(keys.slice(0, 100));
    directory.want(keys.slice(100));
    await settle();
    expect(jira.calls).toHaveLength(2);
    expect(jira.calls[0].jql).toBe(
      `key in (${keys
        .slice(0, 100)
        .map((key) => `"${key}"`)
        .join(', ')})`,
    );
    expect(jira.calls[0].fields).toEqual(expect.arrayContaining(['summary', 'status', 'subtasks']));
    expect(directory.issue('PROJ-150')).toMatchObject({
      found: true,
      summary: 'Summary of PROJ-150',
      status: { name: 'In Progress', category: 'indeterminate' },
      subtasks: [{ key: 'PROJ-150-sub', summary: 'Child', status: null }],
    });
    // Known keys are not asked again.
    directory.want(['PROJ-1']);
    await settle();
    expect(jira.calls).toHaveLength(2);
  });

  it('follows nextPageToken when Jira pages a batch', async () => {
    const jira = fakeJira(['PROJ-1', 'PROJ-2', 'PROJ-3'], { pageSize: 2 });
    const directory = new IssueDirectory(jira.bridge);
    directory.want(['PROJ-1', 'PROJ-2', 'PROJ-3']);
    await settle();
    expect(jira.calls.map((call) => call.nextPageToken)).toEqual([undefined, '2']);
    expect(directory.issue('PROJ-3')?.found).toBe(true);
  });

  it('marks the keys Jira names in its 400 as missing and loads the others', async () => {
    const jira = fakeJira(['PROJ-1', 'PROJ-12']);
    const directory = new IssueDirectory(jira.bridge);
    directory.want(['PROJ-1', 'PROJ-12', 'PROJ-999']);
    await settle();
    expect(jira.calls).toHaveLength(2);
    expect(directory.issue('PROJ-999')).toEqual({
      key: 'PROJ-999',
      found: false,
      reason: 'Not found in Jira, or you may not see it.',
    });
    expect(directory.issue('PROJ-1')?.found).toBe(true);
    expect(directory.issue('PROJ-12')?.found).toBe(true);
  });

  it('halves a refused batch when Jira does not name the keys, down to the missing one', async () => {
    const jira = fakeJira(['PROJ-1', 'PROJ-2', 'PROJ-3'], { message: () => 'Ungültige Abfrage.' });
    const directory = new IssueDirectory(jira.bridge);
    directory.want(['PROJ-1', 'PROJ-2', 'PROJ-3', 'PROJ-4']);
    await settle();
    expect(directory.issue('PROJ-4')?.found).toBe(false);
    expect(['PROJ-1', 'PROJ-2', 'PROJ-3'].map((key) => directory.issue(key)?.found)).toEqual([
      true,
      true,
      true,
    ]);
    expect(jira.calls.length).toBeLessThanOrEqual(5);
  });

  it('asks again after Jira failed, and never sends what cannot be a key', async () => {
    const jira = fakeJira(['PROJ-1']);
    let fail = true;
    const flaky = {
      request: (request: HostRequest) =>
        fail ? Promise.reject(new HostRequestError(503, 'down')) : jira.bridge.request(request),
    } as unknown as HostBridge;
    const directory = new IssueDirectory(flaky);
    directory.want(['PROJ-1', 'x") OR project = SECRET']);
    await settle();
    expect(directory.issue('PROJ-1')).toBeUndefined();
    expect(directory.issue('x") OR project = SECRET')?.found).toBe(false);
    fail = false;
    directory.want(['PROJ-1']);
    await settle();
    expect(directory.issue('PROJ-1')?.found).toBe(true);
    expect(jira.calls.every((call) => !call.jql.includes('SECRET'))).toBe(true);
  });

  it('reads issues again with a new estimate field, reconciling the IDs it knows', async () => {
    const jira = fakeJira(['PROJ-1']);
    const directory = new IssueDirectory(jira.bridge);
    directory.want(['PROJ-1']);
    await settle();
    directory.want(['PROJ-1'], ['customfield_1']);
    await settle();
    expect(jira.calls[1].fields).toContain('customfield_1');
    expect(jira.calls[1].reconcileIssues).toEqual([10000]);
    const issue = directory.issue('PROJ-1');
    expect(issue?.found && issue.values).toEqual({ customfield_1: 5 });
    directory.refresh(['PROJ-1']);
    await settle();
    expect(jira.calls).toHaveLength(3);
  });
});
