import { startJiraSim, type JiraSim } from '../jira-sim';
import { restCaller } from '../rest-caller';
import { SEED_USERS } from '../seed';

let sim: JiraSim;
let call: ReturnType<typeof restCaller>;

const INDEX = [
  { entityType: 'issue', propertyKey: 'planningPoker', path: 'consensus', type: 'string' },
  { entityType: 'issue', propertyKey: 'planningPoker', path: 'value', type: 'number' },
  { entityType: 'issue', propertyKey: 'planningPoker', path: 'savedAt', type: 'date' },
] as const;

beforeEach(async () => {
  sim = await startJiraSim();
  sim.state.installation = {
    appKey: 'com.example.poker',
    sharedSecret: 'x'.repeat(43),
    indexedProperties: INDEX.map((entry) => ({ ...entry })),
  };
  call = restCaller(sim);
});
afterEach(() => sim.close());

const path = (key: string, property = 'planningPoker') =>
  `/rest/api/3/issue/${key}/properties/${property}`;

describe('issue entity properties', () => {
  it('answers 201 when it creates a property, 200 when it replaces it, and lists the keys', async () => {
    const created = await call('PUT', path('PROJ-1'), { consensus: true, value: 5 });
    expect(created).toMatchObject({ status: 201, body: undefined });
    const replaced = await call('PUT', path('10001'), { consensus: false, value: 8 });
    expect(replaced.status).toBe(200);
    expect((await call('GET', path('PROJ-1'))).body).toEqual({
      key: 'planningPoker',
      value: { consensus: false, value: 8 },
    });
    expect((await call('GET', '/rest/api/3/issue/PROJ-1/properties')).body).toEqual({
      keys: [
        {
          self: `${sim.url}/rest/api/3/issue/10001/properties/planningPoker`,
          key: 'planningPoker',
        },
      ],
    });
  });

  it('takes any JSON value and refuses what is not JSON, too long, or under too long a key', async () => {
    expect((await call('PUT', path('PROJ-2', 'note'), '"just text"')).status).toBe(201);
    expect((await call('GET', path('PROJ-2', 'note'))).body.value).toBe('just text');
    const notJson = await call('PUT', path('PROJ-2'), '{nope');
    expect(notJson).toMatchObject({ status: 400, body: { errorMessages: [expect.any(String)] } });
    const big = await call('PUT', path('PROJ-2'), { text: 'x'.repeat(32768) });
    expect(big.status).toBe(400);
    expect(big.body.errorMessages[0]).toContain('32768');
    expect((await call('PUT', path('PROJ-2', 'k'.repeat(256)), { a: 1 })).status).toBe(400);
    expect((await call('PUT', path('PROJ-2', 'k'.repeat(255)), { a: 1 })).status).toBe(201);
    expect(sim.issue('PROJ-2')?.properties).not.toHaveProperty('planningPoker');
  });

  it('lets a viewer read but not write, and hides issues the person may not browse', async () => {
    await call('PUT', path('PROJ-3'), { value: 3 });
    const dave = SEED_USERS.dave.accountId;
    expect((await call('GET', path('PROJ-3'), undefined, dave)).status).toBe(200);
    expect((await call('PUT', path('PROJ-3'), { value: 1 }, dave)).status).toBe(403);
    expect((await call('DELETE', path('PROJ-3'), undefined, dave)).status).toBe(403);
    const gina = SEED_USERS.gina.accountId;
    const hidden = await call('GET', '/rest/api/3/issue/TEAM-1/properties', undefined, gina);
    expect(hidden).toMatchObject({
      status: 404,
      body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'] },
    });
    expect((await call('PUT', path('TEAM-1'), { value: 1 }, gina)).status).toBe(404);
    expect(
      (await call('PUT', path('TEAM-1'), { value: 1 }, SEED_USERS.frank.accountId)).status,
    ).toBe(201);
  });

  it('deletes with 204 and then answers 404 for the key', async () => {
    await call('PUT', path('PROJ-4'), { value: 2 });
    expect((await call('DELETE', path('PROJ-4'))).status).toBe(204);
    expect(await call('GET', path('PROJ-4'))).toMatchObject({
      status: 404,
      body: { errorMessages: ["The property with key 'planningPoker' does not exist."] },
    });
    expect((await call('DELETE', path('PROJ-4'))).status).toBe(404);
  });

  it('keeps the properties when the app is uninstalled; its JQL index goes with it', async () => {
    await call('PUT', path('PROJ-5'), { consensus: false, value: 2 });
    await sim.uninstall();
    const stored = await fetch(`${sim.url}/_sim/issues/PROJ-5/properties`);
    expect(await stored.json()).toEqual({ planningPoker: { consensus: false, value: 2 } });
    const search = await call(
      'POST',
      '/rest/api/3/search/jql',
      { jql: 'issue.property[planningPoker].consensus = false' },
      SEED_USERS.alice.accountId,
    );
    expect(search.status).toBe(400);
  });
});

describe('JQL on indexed properties', () => {
  const search = async (jql: string) => {
    const { status, body } = await call('POST', '/rest/api/3/search/jql', { jql, fields: ['key'] });
    return status === 200
      ? (body.issues as { key: string }[]).map((issue) => issue.key).sort()
      : { status, errorMessages: body.errorMessages as string[] };
  };

  beforeEach(async () => {
    await call('PUT', path('PROJ-1'), {
      consensus: false,
      value: 3,
      savedAt: '2026-03-01T10:00:00Z',
    });
    await call('PUT', path('PROJ-2'), {
      consensus: true,
      value: 8,
      savedAt: '2026-05-01T10:00:00Z',
    });
    await call('PUT', path('TEAM-1'), {
      consensus: false,
      value: 13,
      savedAt: '2025-12-24T10:00:00Z',
    });
  });

  it('matches the declared paths with their types', async () => {
    expect(await search('issue.property[planningPoker].consensus = false')).toEqual([
      'PROJ-1',
      'TEAM-1',
    ]);
    expect(await search('issue.property[planningPoker].consensus != false')).toEqual(['PROJ-2']);
    expect(await search('issue.property[planningPoker].value >= 8')).toEqual(['PROJ-2', 'TEAM-1']);
    expect(await search('issue.property[planningPoker].value < 8 AND project = PROJ')).toEqual([
      'PROJ-1',
    ]);
    expect(await search('issue.property[planningPoker].savedAt > "2026-01-01"')).toEqual([
      'PROJ-1',
      'PROJ-2',
    ]);
  });

  it('answers an undeclared path like an unknown field, and a wrong operator or value with 400', async () => {
    expect(await search('issue.property[planningPoker].rounds > 1')).toEqual({
      status: 400,
      errorMessages: [
        "Field 'issue.property[planningPoker].rounds' does not exist or you do not have permission to view it.",
      ],
    });
    expect(await search('issue.property[planningPoker].consensus ~ fal')).toEqual({
      status: 400,
      errorMessages: [
        "The operator '~' is not supported by the 'issue.property[planningPoker].consensus' field.",
      ],
    });
    expect(await search('issue.property[planningPoker].value > many')).toMatchObject({
      status: 400,
    });
  });

  it('leaves out issues the caller may not browse', async () => {
    const { body } = await call(
      'POST',
      '/rest/api/3/search/jql',
      { jql: 'issue.property[planningPoker].consensus = false' },
      SEED_USERS.gina.accountId,
    );
    expect(body.issues.map((issue: { key: string }) => issue.key)).toEqual(['PROJ-1']);
  });
});

describe('key in (…)', () => {
  it('refuses the whole query, naming each key that is missing or hidden from the caller', async () => {
    const gina = SEED_USERS.gina.accountId;
    const answer = await call(
      'POST',
      '/rest/api/3/search/jql',
      { jql: 'key in (PROJ-1, TEAM-1, PROJ-999, OPS-2)', fields: ['project'] },
      gina,
    );
    expect(answer).toMatchObject({
      status: 400,
      body: {
        errorMessages: [
          "An issue with key 'TEAM-1' does not exist for field 'key'.",
          "An issue with key 'PROJ-999' does not exist for field 'key'.",
        ],
        errors: {},
      },
    });
    const ok = await call(
      'POST',
      '/rest/api/3/search/jql',
      { jql: 'key in (PROJ-1, OPS-2)', fields: ['project'], maxResults: 100 },
      gina,
    );
    expect(ok.body.issues.map((issue: { key: string }) => issue.key).sort()).toEqual([
      'OPS-2',
      'PROJ-1',
    ]);
    expect(ok.body.issues[0].fields).toEqual({
      project: expect.objectContaining({ key: expect.any(String) }),
    });
  });
});
