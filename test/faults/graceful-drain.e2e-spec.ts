import { SEED_USERS } from '../../apps/jira-sim/src';
import { SHUTDOWN_LIMITS } from '../../apps/server/src/shutdown/graceful-shutdown';
import { startStack, type Stack } from '../support/stack';

const { alice } = SEED_USERS;

describe('a node shutting down', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('waits for the events still unanswered, not for those already acked', async () => {
    const site = await stack.site();
    const client = await stack.client(site, alice.accountId);
    for (let n = 0; n < 3; n += 1) await client.ok('room:list', {});

    const started = Date.now();
    await stack.server.app.shutdown();
    // Nothing is owed, so the drain must not sit out its limit for answers it never saw.
    expect(Date.now() - started).toBeLessThan(SHUTDOWN_LIMITS.settleMs / 2);
  });
});
