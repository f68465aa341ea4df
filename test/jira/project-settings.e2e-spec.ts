import {
  SEED_USERS,
  STORY_POINTS_FIELD,
  STORY_POINT_ESTIMATE_FIELD,
  TEAM_FIELD,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { settingsRequest } from '../support/settings-api';
import { startStack, type Stack } from '../support/stack';
import { projectFieldRequest } from './planning-support';

const { alice, bob } = SEED_USERS;

/** A Jira admin's estimate field per project (issue 16 point 2): `/api/settings/projects/…`. */
describe('project estimate fields', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const put = (site: JiraSim, accountId: string, projectKey: string, fieldId: string) =>
    projectFieldRequest(stack.server.url, site, accountId, projectKey, fieldId);
  const remove = (site: JiraSim, accountId: string, projectKey: string) =>
    projectFieldRequest(stack.server.url, site, accountId, projectKey);
  const view = async (site: JiraSim, accountId = bob.accountId) =>
    (await settingsRequest(stack.server.url, site, accountId)).json();
  const rowsOf = (site: JiraSim) =>
    stack.server.db.query(
      `SELECT p.project_key, p.field_id FROM project_field p JOIN tenant t ON t.id = p.tenant_id
       WHERE t.client_key = $1 ORDER BY p.project_key`,
      [site.clientKey],
    );

  it('lets a Jira admin set and remove a project’s field, which everyone of the site reads', async () => {
    const site = await stack.site();
    const set = await put(site, alice.accountId, 'team', STORY_POINT_ESTIMATE_FIELD);
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({
      fieldId: null,
      projectFields: { TEAM: STORY_POINT_ESTIMATE_FIELD },
    });
    await put(site, alice.accountId, 'PROJ', STORY_POINTS_FIELD);
    await put(site, alice.accountId, 'TEAM', STORY_POINTS_FIELD);
    expect(await view(site)).toEqual({
      fieldId: null,
      projectFields: { PROJ: STORY_POINTS_FIELD, TEAM: STORY_POINTS_FIELD },
    });
    expect(await rowsOf(site)).toEqual([
      { project_key: 'PROJ', field_id: STORY_POINTS_FIELD },
      { project_key: 'TEAM', field_id: STORY_POINTS_FIELD },
    ]);
    const removed = await remove(site, alice.accountId, 'PROJ');
    expect(removed.status).toBe(200);
    expect(await view(site)).toEqual({
      fieldId: null,
      projectFields: { TEAM: STORY_POINTS_FIELD },
    });
    expect((await remove(site, alice.accountId, 'PROJ')).status).toBe(404);
  });

  it('refuses a non-admin, as Jira says, and changes nothing', async () => {
    const site = await stack.site();
    await put(site, alice.accountId, 'TEAM', STORY_POINT_ESTIMATE_FIELD);
    for (const response of [
      await put(site, bob.accountId, 'PROJ', STORY_POINTS_FIELD),
      await remove(site, bob.accountId, 'TEAM'),
    ]) {
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    }
    expect(await rowsOf(site)).toEqual([
      { project_key: 'TEAM', field_id: STORY_POINT_ESTIMATE_FIELD },
    ]);
  });

  it('refuses a malformed project key or body, and a field that holds no numbers', async () => {
    const site = await stack.site();
    const refusals = [
      await put(site, alice.accountId, 'not a key', STORY_POINTS_FIELD),
      await put(site, alice.accountId, '1PROJ', STORY_POINTS_FIELD),
      await put(site, alice.accountId, 'PROJ', TEAM_FIELD),
      await put(site, alice.accountId, 'PROJ', 'customfield_99999'),
      await fetch(`${stack.server.url}/api/settings/projects/PROJ`, {
        method: 'PUT',
        headers: {
          Authorization: `JWT ${site.contextToken(alice.accountId)}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ fieldId: STORY_POINTS_FIELD, extra: true }),
      }),
    ];
    expect(refusals.map((response) => response.status)).toEqual([400, 400, 400, 400, 400]);
    expect(await rowsOf(site)).toEqual([]);
    const anonymous = await fetch(`${stack.server.url}/api/settings/projects/PROJ`, {
      method: 'DELETE',
    });
    expect(anonymous.status).toBe(401);
  });

  it("keeps each site's overrides to itself, and an uninstall deletes them", async () => {
    const [one, two] = [await stack.site(), await stack.site()];
    await put(one, alice.accountId, 'TEAM', STORY_POINT_ESTIMATE_FIELD);
    await put(two, alice.accountId, 'PROJ', STORY_POINTS_FIELD);
    expect(await view(one)).toEqual({
      fieldId: null,
      projectFields: { TEAM: STORY_POINT_ESTIMATE_FIELD },
    });
    expect(await view(two)).toEqual({ fieldId: null, projectFields: { PROJ: STORY_POINTS_FIELD } });
    // Removing a project another site overrides is no removal here.
    expect((await remove(two, alice.accountId, 'TEAM')).status).toBe(404);
    expect(await rowsOf(one)).toHaveLength(1);

    const [tenant] = await stack.server.db.query<{ id: string }[]>(
      'SELECT id FROM tenant WHERE client_key = $1',
      [one.clientKey],
    );
    expect((await one.uninstall()).status).toBe(204);
    const left = await stack.server.db.query('SELECT * FROM project_field WHERE tenant_id = $1', [
      tenant.id,
    ]);
    expect(left).toEqual([]);
    expect(await rowsOf(two)).toEqual([{ project_key: 'PROJ', field_id: STORY_POINTS_FIELD }]);
  });
});
