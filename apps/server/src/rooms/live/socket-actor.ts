import type { Actor } from '../rules/actor';
import type { PokerSocket } from './room-channel';

/** Who acts on a socket: its tenant and person (and on Forge, their Jira access). */
export function actorOf(socket: PokerSocket): Actor {
  const { tenantId, accountId, jira } = socket.data;
  return jira ? { tenantId, accountId, jira } : { tenantId, accountId };
}
