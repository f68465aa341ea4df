import { startJiraSim, type JiraSim } from '../jira-sim';
import { restCaller } from '../rest-caller';
import { SEED_USERS } from '../seed';
import { SEED_BOARDS, SEED_SPRINTS } from '../seed-agile';

let sim: JiraSim;
let call: ReturnType<typeof restCaller>;

beforeEach(async () => {
  sim = await startJiraSim();
  sim.state.installation = { appKey: 'com.example.poker', sharedSecret: 'x'.repeat(43) };
  call = restCaller(sim);
});
afterEach(() => sim.close());

const keysOf = (body: { issues: { key: string }[] }) => body.issues.map((issue) => issue.key);
const BOARD_404 = {
  status: 404,
  body: {
    errorMessages: ['Board does not exist or you do not have permission to see it.'],
    errors: {},
  },
};

describe('boards', () => {
  it('lists the boards the caller may see, paged, with their location', async () => {
    const { body } = await call('GET', '/rest/agile/1.0/board');
    expect(body).toMatchObject({ maxResults: 50, startAt: 0, total: 3, isLast: true });
    expect(body.values.map((board: { id: number }) => board.id)).toEqual([1, 2, 3]);
    expect(body.values[0]).toMatchObject({
      id: SEED_BOARDS.proj,
      self: `${sim.url}/rest/agile/1.0/board/1`,
      name: 'PROJ board',
      type: 'scrum',
      location: { projectId: 10000, projectKey: 'PROJ', projectName: 'Project Phoenix' },
    });
    const gina = await call('GET', '/rest/agile/1.0/board', undefined, SEED_USERS.gina.accountId);
    expect(gina.body.values.map((board: { id: number }) => board.id)).toEqual([1, 3]);
  });

  it('filters by project, type and name, and pages with startAt and maxResults', async () => {
    const byProject = await call('GET', '/rest/agile/1.0/board?projectKeyOrId=10001');
    expect(byProject.body.values.map((board: { id: number }) => board.id)).toEqual([2]);
    const kanban = await call('GET', '/rest/agile/1.0/board?type=kanban');
    expect(kanban.body.values.map((board: { name: string }) => board.name)).toEqual(['OPS board']);
    const named = await call('GET', '/rest/agile/1.0/board?name=team');
    expect(named.body.total).toBe(1);
    const page = await call('GET', '/rest/agile/1.0/board?startAt=1&maxResults=1');
    expect(page.body).toMatchObject({ startAt: 1, maxResults: 1, total: 3, isLast: false });
    expect(page.body.values).toHaveLength(1);
    const hidden = await call(
      'GET',
      '/rest/agile/1.0/board?projectKeyOrId=TEAM',
      undefined,
      SEED_USERS.gina.accountId,
    );
    const missing = await call('GET', '/rest/agile/1.0/board?projectKeyOrId=NOPE');
    expect(hidden.status).toBe(400);
    expect(hidden.body.errorMessages).toEqual(["No project could be found with key 'TEAM'."]);
    expect(missing.status).toBe(400);
  });

  it('answers a hidden board exactly like a missing one', async () => {
    const gina = SEED_USERS.gina.accountId;
    expect(await call('GET', '/rest/agile/1.0/board/2', undefined, gina)).toMatchObject(BOARD_404);
    expect(await call('GET', '/rest/agile/1.0/board/99')).toMatchObject(BOARD_404);
    for (const path of ['configuration', 'sprint', 'backlog', 'issue', 'sprint/4/issue']) {
      expect(await call('GET', `/rest/agile/1.0/board/2/${path}`, undefined, gina)).toMatchObject(
        BOARD_404,
      );
    }
    expect((await call('GET', '/rest/agile/1.0/board/1', undefined, gina)).status).toBe(200);
  });

  it('gives the estimation field of scrum boards in their configuration', async () => {
    const proj = await call('GET', '/rest/agile/1.0/board/1/configuration');
    expect(proj.body).toMatchObject({
      id: 1,
      type: 'scrum',
      location: { type: 'project', key: 'PROJ', id: '10000' },
      estimation: {
        type: 'field',
        field: { fieldId: 'customfield_10016', displayName: 'Story Points' },
      },
    });
    const team = await call('GET', '/rest/agile/1.0/board/2/configuration');
    expect(team.body.estimation.field).toEqual({
      fieldId: 'customfield_10026',
      displayName: 'Story point estimate',
    });
    const ops = await call('GET', '/rest/agile/1.0/board/3/configuration');
    expect(ops.body.type).toBe('kanban');
    expect(ops.body).not.toHaveProperty('estimation');
  });

  it('lets a test change the estimation field through the control API', async () => {
    const set = (fieldId: string | null) =>
      fetch(`${sim.url}/_sim/boards/1/estimation`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ fieldId }),
      });
    expect((await set('customfield_10050')).status).toBe(204);
    const changed = await call('GET', '/rest/agile/1.0/board/1/configuration');
    expect(changed.body.estimation.field.displayName).toBe('Business Value');
    expect((await set(null)).status).toBe(204);
    const none = await call('GET', '/rest/agile/1.0/board/1/configuration');
    expect(none.body.estimation).toEqual({ type: 'none' });
    expect((await set('customfield_99999')).status).toBe(400);
  });
});

describe('sprints', () => {
  it('lists a board’s sprints by state', async () => {
    const all = await call('GET', '/rest/agile/1.0/board/1/sprint');
    expect(all.body).toMatchObject({ total: 3, isLast: true });
    expect(all.body.values.map((sprint: { state: string }) => sprint.state)).toEqual([
      'closed',
      'active',
      'future',
    ]);
    expect(all.body.values[1]).toMatchObject({
      id: SEED_SPRINTS.projActive,
      self: `${sim.url}/rest/agile/1.0/sprint/2`,
      name: 'PROJ Sprint 2',
      originBoardId: 1,
      startDate: '2025-01-20T09:00:00.000Z',
    });
    expect(all.body.values[2]).not.toHaveProperty('startDate');
    const open = await call('GET', '/rest/agile/1.0/board/1/sprint?state=active,future');
    expect(open.body.values.map((sprint: { id: number }) => sprint.id)).toEqual([2, 3]);
  });

  it('refuses sprints on a kanban board', async () => {
    expect(await call('GET', '/rest/agile/1.0/board/3/sprint')).toMatchObject({
      status: 400,
      body: { errorMessages: ['The board does not support sprints'] },
    });
  });

  it('lists a sprint’s issues with Jira’s issue JSON and the requested fields', async () => {
    const { body } = await call(
      'GET',
      '/rest/agile/1.0/board/1/sprint/2/issue?fields=summary,issuetype,parent,customfield_10016',
    );
    expect(body).toMatchObject({ expand: 'schema,names', startAt: 0, maxResults: 50, total: 9 });
    expect(keysOf(body)).toEqual([
      'PROJ-1',
      'PROJ-2',
      'PROJ-3',
      'PROJ-4',
      'PROJ-5',
      'PROJ-6',
      'PROJ-15',
      'PROJ-17',
      'PROJ-18',
    ]);
    const subtask = body.issues.find((issue: { key: string }) => issue.key === 'PROJ-17');
    expect(Object.keys(subtask.fields).sort()).toEqual([
      'customfield_10016',
      'issuetype',
      'parent',
      'summary',
    ]);
    expect(subtask.fields.issuetype).toMatchObject({ name: 'Sub-task', subtask: true });
    expect(subtask.fields.parent).toMatchObject({ key: 'PROJ-1', id: '10001' });
    const bySprint = await call('GET', '/rest/agile/1.0/sprint/4/issue?fields=summary');
    expect(keysOf(bySprint.body)).toEqual([
      'TEAM-1',
      'TEAM-2',
      'TEAM-3',
      'TEAM-4',
      'TEAM-5',
      'TEAM-9',
    ]);
  });

  it('answers a sprint of another board with none of its issues, and a missing one with 404', async () => {
    const other = await call('GET', '/rest/agile/1.0/board/1/sprint/4/issue');
    expect(other).toMatchObject({ status: 200, body: { total: 0, issues: [] } });
    expect((await call('GET', '/rest/agile/1.0/board/1/sprint/99/issue')).status).toBe(404);
    const hidden = await call(
      'GET',
      '/rest/agile/1.0/sprint/4/issue',
      undefined,
      SEED_USERS.gina.accountId,
    );
    expect(hidden.status).toBe(404);
  });

  it('narrows issue lists with jql and pages them', async () => {
    const { body } = await call(
      'GET',
      `/rest/agile/1.0/board/1/issue?jql=${encodeURIComponent('key in (PROJ-3, PROJ-1)')}&fields=summary`,
    );
    expect(keysOf(body)).toEqual(['PROJ-1', 'PROJ-3']);
    const page = await call('GET', '/rest/agile/1.0/board/1/issue?startAt=18&maxResults=5');
    expect(page.body).toMatchObject({ startAt: 18, maxResults: 5, total: 20 });
    expect(keysOf(page.body)).toEqual(['PROJ-19', 'PROJ-20']);
    const bad = await call(
      'GET',
      `/rest/agile/1.0/board/1/issue?jql=${encodeURIComponent('key = NOPE-1')}`,
    );
    expect(bad.status).toBe(400);
  });
});

describe('backlog', () => {
  it('holds the incomplete issues in no active or future sprint', async () => {
    const proj = await call('GET', '/rest/agile/1.0/board/1/backlog?fields=summary');
    // PROJ-11 and PROJ-12 were done in the closed sprint.
    expect(keysOf(proj.body)).toEqual(['PROJ-13', 'PROJ-14', 'PROJ-16', 'PROJ-19', 'PROJ-20']);
    const team = await call('GET', '/rest/agile/1.0/board/2/backlog?fields=summary');
    expect(keysOf(team.body)).toEqual(['TEAM-6', 'TEAM-7', 'TEAM-8', 'TEAM-10']);
  });
});
