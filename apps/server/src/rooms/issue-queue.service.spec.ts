import type { JiraPlanningService, KeySearch } from '../jira/jira-planning.service';
import type { JiraService } from '../jira/jira.service';
import type { JiraBudget } from '../rate-limits/jira-budget.service';
import { IssueQueueService } from './issue-queue.service';

const connect = { tenantId: 't1', accountId: 'gina' };
const forge = {
  ...connect,
  jira: { kind: 'forge-user' as const, apiBaseUrl: 'https://api', token: 'x' },
};
const ids: Record<string, string> = { 'PROJ-1': '1', 'PROJ-2': '2', 'TEAM-1': '3', 'NEW-7': '4' };
const issue = (key: string) => ({ id: ids[key], key });

/** Jira knows `known` (the app sees them all); the person may browse `browsable`. */
function service(known: string[], browsable = known) {
  const issuesByKey = jest.fn(
    async (_caller: unknown, keys: readonly string[]): Promise<KeySearch> => ({
      issues: keys.filter((key) => known.includes(key)).map(issue),
      unknown: keys.filter((key) => !known.includes(key)),
    }),
  );
  const checkPermissions = jest.fn(
    async (_caller: unknown, _accountId: string, request: { issueIds?: number[] }) => ({
      projectPermissions: [
        {
          permission: 'BROWSE_PROJECTS',
          issues: (request.issueIds ?? []).filter((id) =>
            browsable.some((key) => Number(ids[key]) === id),
          ),
        },
      ],
    }),
  );
  const queue = new IssueQueueService(
    { checkPermissions } as unknown as JiraService,
    { issuesByKey } as unknown as JiraPlanningService,
    { spend: jest.fn(async () => {}) } as unknown as JiraBudget,
  );
  return { queue, issuesByKey, checkPermissions };
}

describe('IssueQueueService.resolve (typed keys)', () => {
  it('looks keys up in one search per page, in the typed order, checking browse on Connect', async () => {
    const { queue, issuesByKey, checkPermissions } = service(['PROJ-1', 'PROJ-2']);
    await expect(queue.resolve(connect, ['proj-2', 'PROJ-1', 'PROJ-2'])).resolves.toEqual([
      'PROJ-2',
      'PROJ-1',
    ]);
    expect(issuesByKey).toHaveBeenCalledTimes(1);
    expect(checkPermissions).toHaveBeenCalledTimes(1);
  });

  it('pages 250 keys as three searches', async () => {
    const keys = Array.from({ length: 250 }, (_, i) => `BIG-${i + 1}`);
    const { queue, issuesByKey } = service([]);
    await expect(queue.resolve(connect, keys)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(issuesByKey.mock.calls.map((call) => call[1].length)).toEqual([100, 100, 50]);
  });

  it('refuses a missing key and one the person may not browse with the same words', async () => {
    const { queue } = service(['PROJ-1', 'TEAM-1'], ['PROJ-1']);
    const refusal = (keys: string[]) => queue.resolve(connect, keys).catch((e: Error) => e.message);
    expect(await refusal(['PROJ-1', 'TEAM-1'])).toBe(
      'Not found in Jira, or you may not see: TEAM-1.',
    );
    expect(await refusal(['PROJ-1', 'NOPE-1'])).toBe(
      'Not found in Jira, or you may not see: NOPE-1.',
    );
  });

  it('trusts Jira on Forge: it answered as the person, so nothing more is asked', async () => {
    const { queue, checkPermissions } = service(['PROJ-1']);
    await expect(queue.resolve(forge, ['PROJ-1'])).resolves.toEqual(['PROJ-1']);
    expect(checkPermissions).not.toHaveBeenCalled();
  });

  it('takes a moved issue under the key Jira answers with', async () => {
    const { queue, issuesByKey } = service(['PROJ-1', 'NEW-7']);
    issuesByKey.mockResolvedValueOnce({ issues: [issue('PROJ-1'), issue('NEW-7')], unknown: [] });
    await expect(queue.resolve(connect, ['PROJ-1', 'OLD-3'])).resolves.toEqual(['PROJ-1', 'NEW-7']);
  });
});

describe('IssueQueueService.resolve (look-ups of one Connect site, shared)', () => {
  const bob = { ...connect, accountId: 'bob' };
  const carol = { ...connect, accountId: 'carol' };

  it('answers the look-ups that arrive while one is in flight from one search, each with its own keys', async () => {
    const { queue, issuesByKey } = service(['PROJ-1', 'PROJ-2', 'TEAM-1']);
    const answers = await Promise.all([
      queue.resolve(connect, ['PROJ-1']),
      queue.resolve(bob, ['PROJ-2', 'TEAM-1']),
      queue.resolve(carol, ['PROJ-1']),
      queue.resolve({ ...bob, tenantId: 't2' }, ['PROJ-2']),
    ]);
    expect(answers).toEqual([['PROJ-1'], ['PROJ-2', 'TEAM-1'], ['PROJ-1'], ['PROJ-2']]);
    // The first goes at once, the next two wait and go together; another site is never merged in.
    const calls = issuesByKey.mock.calls.map((call) => [call[0], call[1]]);
    expect(calls).toHaveLength(3);
    expect(calls).toEqual(
      expect.arrayContaining([
        [{ tenantId: 't1' }, ['PROJ-1']],
        [{ tenantId: 't1' }, ['PROJ-2', 'TEAM-1', 'PROJ-1']],
        [{ tenantId: 't2' }, ['PROJ-2']],
      ]),
    );
  });

  it('lets each asker search alone when a shared search answers a moved issue', async () => {
    const { queue, issuesByKey } = service(['PROJ-1', 'PROJ-2', 'NEW-7']);
    const plain = issuesByKey.getMockImplementation();
    issuesByKey.mockImplementation(async (caller, keys) =>
      keys.includes('OLD-3') && keys.includes('PROJ-1')
        ? { issues: [issue('PROJ-1'), issue('NEW-7')], unknown: [] }
        : plain!(caller, keys),
    );
    const [, first, second] = await Promise.allSettled([
      queue.resolve(carol, ['PROJ-2']),
      queue.resolve(connect, ['PROJ-1']),
      queue.resolve(bob, ['OLD-3']),
    ]);
    expect(first).toEqual({ status: 'fulfilled', value: ['PROJ-1'] });
    // Alone, Jira's answer for OLD-3 (here: not found) is Bob's only; NEW-7 is nobody's.
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'BAD_REQUEST' } });
    expect(issuesByKey.mock.calls.map((call) => call[1])).toEqual([
      ['PROJ-2'],
      ['PROJ-1', 'OLD-3'],
      ['PROJ-1'],
      ['OLD-3'],
    ]);
  });

  it('never shares a Forge look-up, which runs as its person', async () => {
    const { queue, issuesByKey } = service(['PROJ-1', 'PROJ-2']);
    await Promise.all([
      queue.resolve(forge, ['PROJ-1']),
      queue.resolve(forge, ['PROJ-2']),
      queue.resolve(forge, ['PROJ-1']),
    ]);
    expect(issuesByKey).toHaveBeenCalledTimes(3);
  });
});
