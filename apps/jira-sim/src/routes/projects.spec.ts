import { startJiraSim, type JiraSim } from '../jira-sim';
import { restCaller } from '../rest-caller';
import { SEED_USERS } from '../seed';

let sim: JiraSim;
let call: ReturnType<typeof restCaller>;

beforeEach(async () => {
  sim = await startJiraSim();
  sim.state.installation = { appKey: 'com.example.poker', sharedSecret: 'x'.repeat(43) };
  call = restCaller(sim);
});
afterEach(() => sim.close());

const setFeature = (project: string, state: string) =>
  fetch(`${sim.url}/_sim/projects/${project}/features/jsw.agility.estimation`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ state }),
  });

const screenOf = async (key: string) =>
  Object.keys((await call('GET', `/rest/api/3/issue/${key}/editmeta`)).body.fields as object);

describe('projects', () => {
  it('tells team-managed from company-managed projects', async () => {
    const proj = await call('GET', '/rest/api/3/project/PROJ');
    const ops = await call('GET', '/rest/api/3/project/10002');
    expect(proj.body).toMatchObject({ key: 'PROJ', simplified: false, style: 'classic' });
    expect(ops.body).toMatchObject({
      key: 'OPS',
      name: 'Ops Owl',
      simplified: true,
      style: 'next-gen',
    });
    const hidden = await call(
      'GET',
      '/rest/api/3/project/TEAM',
      undefined,
      SEED_USERS.gina.accountId,
    );
    expect(hidden).toMatchObject({
      status: 404,
      body: { errorMessages: ["No project could be found with key 'TEAM'."] },
    });
  });

  it('lists the estimation feature of team-managed projects', async () => {
    const feature = async (key: string) =>
      (await call('GET', `/rest/api/3/project/${key}/features`)).body.features.find(
        (each: { feature: string }) => each.feature === 'jsw.agility.estimation',
      );
    expect(await feature('TEAM')).toMatchObject({
      projectId: 10001,
      state: 'ENABLED',
      toggleLocked: false,
      localisedName: 'Estimation',
    });
    expect((await feature('OPS')).state).toBe('DISABLED');
    expect(await feature('PROJ')).toBeUndefined();
  });

  it('puts the story point estimate on team-managed screens only while estimation is on', async () => {
    expect(await screenOf('OPS-1')).not.toContain('customfield_10026');
    expect(
      (await call('PUT', '/rest/api/3/issue/OPS-1', { fields: { customfield_10026: 3 } })).status,
    ).toBe(400);
    expect((await setFeature('OPS', 'ENABLED')).status).toBe(204);
    expect(await screenOf('OPS-1')).toContain('customfield_10026');
    expect(
      (await call('PUT', '/rest/api/3/issue/OPS-1', { fields: { customfield_10026: 3 } })).status,
    ).toBe(204);
    await setFeature('TEAM', 'DISABLED');
    expect(await screenOf('TEAM-1')).not.toContain('customfield_10026');
    expect((await setFeature('TEAM', 'MAYBE')).status).toBe(400);
  });

  it('leaves Story Points off the Sub-task screen of PROJ', async () => {
    expect(await screenOf('PROJ-17')).toEqual(['summary', 'description', 'labels', 'timetracking']);
    expect(await screenOf('PROJ-1')).toContain('customfield_10016');
  });
});

describe('issue JSON', () => {
  it('shows type, status, assignee, parent and sub-tasks as Jira does', async () => {
    const parent = await call(
      'GET',
      '/rest/api/3/issue/PROJ-1?fields=issuetype,status,assignee,subtasks,parent',
    );
    expect(parent.body.fields).not.toHaveProperty('parent');
    expect(parent.body.fields.issuetype).toMatchObject({
      id: '10001',
      name: 'Story',
      subtask: false,
      hierarchyLevel: 0,
    });
    expect(parent.body.fields.status).toMatchObject({
      name: 'To Do',
      statusCategory: { key: 'new', name: 'To Do' },
    });
    expect(parent.body.fields.assignee).toMatchObject({ accountId: SEED_USERS.bob.accountId });
    expect(parent.body.fields.subtasks.map((each: { key: string }) => each.key)).toEqual([
      'PROJ-17',
      'PROJ-18',
    ]);
    expect(parent.body.fields.subtasks[0].fields).toMatchObject({
      summary: 'Write the CI workflow file',
      status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
      issuetype: { name: 'Sub-task', subtask: true, hierarchyLevel: -1 },
    });
    const child = await call('GET', '/rest/api/3/issue/TEAM-9?fields=parent,issuetype');
    expect(child.body.fields.parent).toMatchObject({
      key: 'TEAM-1',
      fields: { summary: expect.any(String) },
    });
  });
});

describe('mypermissions', () => {
  const ask = (query: string, who: string) =>
    call('GET', `/rest/api/3/mypermissions?${query}`, undefined, who);

  it('answers the caller’s permissions on an issue', async () => {
    const dave = await ask(
      'issueKey=PROJ-1&permissions=EDIT_ISSUES,BROWSE_PROJECTS',
      SEED_USERS.dave.accountId,
    );
    expect(dave.body.permissions).toEqual({
      EDIT_ISSUES: expect.objectContaining({ id: '12', type: 'PROJECT', havePermission: false }),
      BROWSE_PROJECTS: expect.objectContaining({ id: '10', havePermission: true }),
    });
    const frank = await ask('issueKey=PROJ-1&permissions=EDIT_ISSUES', SEED_USERS.frank.accountId);
    expect(frank.body.permissions.EDIT_ISSUES.havePermission).toBe(false);
    const frankTeam = await ask(
      'projectKey=TEAM&permissions=EDIT_ISSUES',
      SEED_USERS.frank.accountId,
    );
    expect(frankTeam.body.permissions.EDIT_ISSUES.havePermission).toBe(true);
  });

  it('answers 404 for an issue the caller may not browse, and 400 without permissions', async () => {
    const gina = SEED_USERS.gina.accountId;
    expect((await ask('issueKey=TEAM-1&permissions=EDIT_ISSUES', gina)).status).toBe(404);
    expect((await ask('issueKey=PROJ-1', gina)).status).toBe(400);
    expect((await ask('issueKey=PROJ-1&permissions=FLY', gina)).status).toBe(400);
  });
});
