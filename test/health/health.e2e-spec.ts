import { SEED_USERS } from '../../apps/jira-sim/src';
import { startStack, type Stack } from '../support/stack';

describe('operations endpoints', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('reports liveness and readiness with the state of the database', async () => {
    expect((await fetch(`${stack.server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${stack.server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('exposes Prometheus metrics that count socket events without naming anyone', async () => {
    const site = await stack.site();
    const client = await stack.client(site, SEED_USERS.bob.accountId);
    await client.ok('room:list', {});
    await client.call('vote:cast', { roomId: 'nope' });
    const text = await (await fetch(`${stack.server.url}/metrics`)).text();
    expect(text).toMatch(/poker_socket_events_total\{event="room:list",outcome="ok"\} 1/);
    expect(text).toMatch(/poker_socket_events_total\{event="vote:cast",outcome="BAD_REQUEST"\} 1/);
    expect(text).toMatch(/poker_connected_sockets 1/);
    expect(text).not.toContain(SEED_USERS.bob.accountId);
    expect(text).not.toContain(site.clientKey);
  });
});
