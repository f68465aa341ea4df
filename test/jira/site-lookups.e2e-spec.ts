import { SEED_USERS } from '../../apps/jira-sim/src';
import { startStack, type Stack } from '../support/stack';

/**
 * Issue 18 point 4: on Connect a key look-up runs as the app, so look-ups of one site that
 * arrive together share one search; each person still gets only their own keys, checked against
 * their own browse permission.
 */
describe('key look-ups of one Connect site, shared', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('shares the search among creations that arrive together, each answered with its own keys', async () => {
    const jira = await stack.site();
    const people = Object.values(SEED_USERS);
    const clients = await Promise.all(people.map((person) => stack.client(jira, person.accountId)));
    // Gina may not browse TEAM: her creation is refused although its key is searched with the rest.
    const keysOf = (index: number) =>
      people[index] === SEED_USERS.gina ? ['PROJ-7', 'TEAM-1'] : [`PROJ-${index + 1}`];
    jira.requests.length = 0;
    const answers = await Promise.all(
      clients.map((client, index) =>
        client.call('room:create', {
          name: `Room ${index}`,
          deck: { kind: 'fibonacci' },
          issueKeys: keysOf(index),
        }),
      ),
    );

    answers.forEach((answer, index) => {
      if (people[index] === SEED_USERS.gina) {
        expect(answer).toEqual({
          ok: false,
          error: { code: 'BAD_REQUEST', message: 'Not found in Jira, or you may not see: TEAM-1.' },
        });
      } else {
        if (!answer.ok) throw new Error(`${index}: ${answer.error.message}`);
        expect(answer.data.room.issues.map((issue) => issue.issueKey)).toEqual(keysOf(index));
      }
    });
    const searches = jira.requests.filter((r) => r.path === '/rest/api/3/search/jql');
    // Alone, each creation searched once (7); shared, the first goes at once and the rest wait.
    expect(searches.length).toBeLessThanOrEqual(3);
    const permissionChecks = jira.requests.filter((r) => r.path.endsWith('/permissions/check'));
    expect(permissionChecks).toHaveLength(people.length);
  });
});
