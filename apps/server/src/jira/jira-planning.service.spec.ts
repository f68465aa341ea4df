import { JiraError } from './jira-error';
import { JiraPlanningService } from './jira-planning.service';
import type { JiraService } from './jira.service';

const caller = { tenantId: 't1' };

/** A Jira whose `search/jql` answers in turn with `answers` (an error is thrown). */
function planningWith(...answers: (object | JiraError)[]) {
  const request = jest.fn(async (_method: string, _path: string, _query: object, body: unknown) => {
    void body;
    const answer = answers.shift();
    if (answer instanceof JiraError) throw answer;
    return answer;
  });
  const jira = { client: async () => ({ request }) } as unknown as JiraService;
  return { planning: new JiraPlanningService(jira), request };
}

const jqlOf = (request: jest.Mock, call: number) =>
  (request.mock.calls[call][3] as { jql: string }).jql;

describe('JiraPlanningService.issuesByKey', () => {
  it('asks once for a page of keys, with the project field only', async () => {
    const issues = [{ id: '1', key: 'PROJ-1', fields: { project: { key: 'PROJ' } } }];
    const { planning, request } = planningWith({ issues });
    await expect(planning.issuesByKey(caller, ['PROJ-1', 'PROJ-2'])).resolves.toEqual({
      issues,
      unknown: [],
    });
    expect(request).toHaveBeenCalledTimes(1);
    expect(request.mock.calls[0][3]).toEqual({
      jql: 'key in (PROJ-1, PROJ-2)',
      fields: ['project'],
      maxResults: 100,
    });
  });

  it('sets aside the keys Jira names as unknown and asks again for the rest', async () => {
    const refusal = new JiraError(
      400,
      "An issue with key 'NOPE-1' does not exist for field 'key'. An issue with key 'PROJ-9' does not exist for field 'key'.",
    );
    const { planning, request } = planningWith(refusal, { issues: [{ id: '1', key: 'PROJ-1' }] });
    const answer = await planning.issuesByKey(caller, ['PROJ-1', 'NOPE-1', 'PROJ-9']);
    expect(answer).toEqual({ issues: [{ id: '1', key: 'PROJ-1' }], unknown: ['NOPE-1', 'PROJ-9'] });
    expect(jqlOf(request, 1)).toBe('key in (PROJ-1)');
  });

  it('asks nothing more when every key was unknown', async () => {
    const refusal = new JiraError(
      400,
      "An issue with key 'NOPE-1' does not exist for field 'key'.",
    );
    const { planning, request } = planningWith(refusal);
    await expect(planning.issuesByKey(caller, ['NOPE-1'])).resolves.toEqual({
      issues: [],
      unknown: ['NOPE-1'],
    });
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('fails on a refusal that names none of its keys, and on anything but a 400', async () => {
    await expect(
      planningWith(new JiraError(400, 'Something else.')).planning.issuesByKey(caller, ['PROJ-1']),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      planningWith(new JiraError(503, "'PROJ-1'")).planning.issuesByKey(caller, ['PROJ-1']),
    ).rejects.toMatchObject({ status: 503 });
  });

  it('refuses more keys than one page holds', async () => {
    const keys = Array.from({ length: 101 }, (_, i) => `PROJ-${i + 1}`);
    await expect(planningWith().planning.issuesByKey(caller, keys)).rejects.toThrow(/100/);
  });
});

describe('JiraPlanningService facts', () => {
  it('reads time tracking from the global settings: on, off, or unknown when refused', async () => {
    const answers: unknown[] = [
      { timeTrackingEnabled: true },
      { timeTrackingEnabled: false },
      new JiraError(403, 'No'),
    ];
    const request = jest.fn(async () => {
      const answer = answers.shift();
      if (answer instanceof JiraError) throw answer;
      return answer;
    });
    const planning = new JiraPlanningService({
      client: async () => ({ request }),
    } as unknown as JiraService);
    expect(await planning.timeTrackingEnabled(caller)).toBe(true);
    expect(await planning.timeTrackingEnabled(caller)).toBe(false);
    expect(await planning.timeTrackingEnabled(caller)).toBeNull();
  });

  it("reads a team-managed project's estimation feature", async () => {
    const features = (state: string) => ({
      features: [
        { feature: 'jsw.agility.sprints', state: 'ENABLED' },
        { feature: 'jsw.agility.estimation', state },
      ],
    });
    const answers: unknown[] = [features('DISABLED'), features('ENABLED'), { features: [] }];
    const request = jest.fn(async () => answers.shift());
    const planning = new JiraPlanningService({
      client: async () => ({ request }),
    } as unknown as JiraService);
    expect(await planning.estimationEnabled(caller, 'OPS')).toBe(false);
    expect(await planning.estimationEnabled(caller, 'TEAM')).toBe(true);
    expect(await planning.estimationEnabled(caller, 'PROJ')).toBeNull();
  });
});
