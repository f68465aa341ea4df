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

const alice = SEED_USERS.alice.accountId;

const setTimeTracking = (enabled: boolean) =>
  fetch(`${sim.url}/_sim/time-tracking`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ enabled }),
  });

describe('time-tracking settings', () => {
  it('names the provider when on, answers 204 when off, and only to admins', async () => {
    const on = await call('GET', '/rest/api/3/configuration/timetracking', undefined, alice);
    expect(on).toMatchObject({ status: 200, body: { key: 'JIRA' } });
    const options = await call(
      'GET',
      '/rest/api/3/configuration/timetracking/options',
      undefined,
      alice,
    );
    expect(options.body).toEqual({
      workingHoursPerDay: 8,
      workingDaysPerWeek: 5,
      timeFormat: 'pretty',
      defaultUnit: 'minute',
    });
    expect((await call('GET', '/rest/api/3/configuration/timetracking')).status).toBe(403);
    const bob = SEED_USERS.bob.accountId;
    expect(
      (await call('GET', '/rest/api/3/configuration/timetracking', undefined, bob)).status,
    ).toBe(403);
    await setTimeTracking(false);
    const off = await call('GET', '/rest/api/3/configuration/timetracking', undefined, alice);
    expect(off).toMatchObject({ status: 204, body: undefined });
  });
});

describe('global settings', () => {
  it('tell everyone, the app user too, whether time tracking is on', async () => {
    const bob = SEED_USERS.bob.accountId;
    const on = await call('GET', '/rest/api/3/configuration', undefined, bob);
    expect(on).toMatchObject({
      status: 200,
      body: { timeTrackingEnabled: true, timeTrackingConfiguration: { workingHoursPerDay: 8 } },
    });
    await setTimeTracking(false);
    const off = await call('GET', '/rest/api/3/configuration');
    expect(off).toMatchObject({ status: 200, body: { timeTrackingEnabled: false } });
    expect(off.body).not.toHaveProperty('timeTrackingConfiguration');
  });
});

describe('Original Estimate', () => {
  it('lists timetracking in editmeta with Jira’s schema', async () => {
    const { body } = await call('GET', '/rest/api/3/issue/TEAM-1/editmeta');
    expect(body.fields.timetracking).toEqual({
      required: false,
      schema: { type: 'timetracking', system: 'timetracking' },
      name: 'Time tracking',
      key: 'timetracking',
      operations: ['set', 'edit'],
    });
  });

  it('stores a duration in seconds, shows it as Jira does, and records the edit', async () => {
    const put = await call('PUT', '/rest/api/3/issue/PROJ-3', {
      fields: { timetracking: { originalEstimate: '1d 4h' } },
    });
    expect(put.status).toBe(204);
    const { body } = await call(
      'GET',
      '/rest/api/3/issue/PROJ-3?fields=timetracking,timeoriginalestimate',
    );
    expect(body.fields).toEqual({
      timetracking: {
        originalEstimate: '1d 4h',
        remainingEstimate: '1d 4h',
        originalEstimateSeconds: 43200,
        remainingEstimateSeconds: 43200,
      },
      timeoriginalestimate: 43200,
    });
    const changelog = await call('GET', '/rest/api/3/issue/PROJ-3/changelog');
    expect(changelog.body.values[0].items).toEqual([
      {
        field: 'timeoriginalestimate',
        fieldtype: 'jira',
        fieldId: 'timeoriginalestimate',
        from: null,
        fromString: null,
        to: '43200',
        toString: '43200',
      },
      {
        field: 'timeestimate',
        fieldtype: 'jira',
        fieldId: 'timeestimate',
        from: null,
        fromString: null,
        to: '43200',
        toString: '43200',
      },
    ]);
    const fresh = await call(
      'GET',
      '/rest/api/3/issue/PROJ-4?fields=timetracking,timeoriginalestimate',
    );
    expect(fresh.body.fields).toEqual({ timetracking: {}, timeoriginalestimate: null });
  });

  it('refuses a duration Jira refuses, changing nothing', async () => {
    const bad = await call('PUT', '/rest/api/3/issue/PROJ-3', {
      fields: { timetracking: { originalEstimate: '1y' }, customfield_10016: 5 },
    });
    expect(bad).toMatchObject({
      status: 400,
      body: {
        errorMessages: [],
        errors: { timetracking_originalestimate: 'The original estimate specified is not valid.' },
      },
    });
    expect(sim.issue('PROJ-3')?.fields.customfield_10016).toBeNull();
    expect(sim.issue('PROJ-3')?.fields.timeoriginalestimate).toBeUndefined();
  });

  it('cannot be set while time tracking is off, and is then absent from the issue', async () => {
    await setTimeTracking(false);
    const meta = await call('GET', '/rest/api/3/issue/PROJ-3/editmeta');
    expect(Object.keys(meta.body.fields)).not.toContain('timetracking');
    const put = await call('PUT', '/rest/api/3/issue/PROJ-3', {
      fields: { timetracking: { originalEstimate: '2h' } },
    });
    expect(put).toMatchObject({
      status: 400,
      body: {
        errors: {
          timetracking:
            "Field 'timetracking' cannot be set. It is not on the appropriate screen, or unknown.",
        },
      },
    });
    const issue = await call('GET', '/rest/api/3/issue/PROJ-3');
    expect(issue.body.fields).not.toHaveProperty('timetracking');
    const fields = await call('GET', '/rest/api/3/field');
    expect(fields.body.map((field: { id: string }) => field.id)).not.toContain('timetracking');
  });
});
