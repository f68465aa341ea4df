import type { JiraSim } from '../../apps/jira-sim/src';
import type { PokerClient } from '../support/poker-client';
import type { Stack } from '../support/stack';

/**
 * Sockets of one person, a fresh one before the per-socket rate limit's burst runs out, so a
 * test that sends many events sees validation answers rather than RATE_LIMITED.
 */
export function freshSockets(
  stack: Stack,
  site: JiraSim,
  accountId: string,
  eventsPerSocket = 25,
): () => Promise<PokerClient> {
  let current: PokerClient | undefined;
  let used = 0;
  return async () => {
    if (!current || used >= eventsPerSocket) {
      current = await stack.client(site, accountId);
      used = 0;
    }
    used += 1;
    return current;
  };
}
