import { Inject, Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { REDIS, type RedisPair } from '../../realtime/redis-connection';
import { roomChannel, tenantChannel, type SocketIdentity } from './room-channel';

/** The other nodes get this long to answer; past it the list goes with this node's view. */
const FETCH_TIMEOUT_MS = 1000;

const ROOM_PREFIX = roomChannel('');

/**
 * Who is online in each room of a site, for the room list: one look at the site's sockets on
 * every node (`fetchSockets` on the tenant channel). List reads that arrive while one look is
 * on its way (a reconnect storm) share it; a later read looks again, so a count is never stale.
 */
@Injectable()
export class TenantPresence {
  private namespace: Namespace | undefined;
  private readonly inFlight = new Map<string, Promise<Map<string, Set<string>>>>();

  constructor(@Inject(REDIS) private readonly redis: RedisPair | undefined) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /** Account IDs online per room ID. */
  onlineByRoom(tenantId: string): Promise<Map<string, Set<string>>> {
    const pending = this.inFlight.get(tenantId);
    if (pending) return pending;
    const online = this.fetch(tenantId).finally(() => this.inFlight.delete(tenantId));
    this.inFlight.set(tenantId, online);
    return online;
  }

  private async fetch(tenantId: string): Promise<Map<string, Set<string>>> {
    const namespace = this.namespace;
    if (!namespace) return new Map();
    const local = () => namespace.local.in(tenantChannel(tenantId)).fetchSockets();
    const remoteOk = this.redis && this.redis.pub.status === 'ready';
    let timer: NodeJS.Timeout | undefined;
    let sockets: Awaited<ReturnType<typeof local>>;
    try {
      const asked = remoteOk ? namespace.in(tenantChannel(tenantId)).fetchSockets() : local();
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer in time')), FETCH_TIMEOUT_MS);
      });
      asked.catch(() => undefined);
      sockets = await Promise.race([asked, timeout]);
    } catch {
      sockets = await local();
    } finally {
      clearTimeout(timer);
    }
    const byRoom = new Map<string, Set<string>>();
    for (const socket of sockets) {
      const { accountId } = socket.data as SocketIdentity;
      for (const channel of socket.rooms) {
        if (!channel.startsWith(ROOM_PREFIX)) continue;
        const roomId = channel.slice(ROOM_PREFIX.length);
        const online = byRoom.get(roomId) ?? new Set<string>();
        online.add(accountId);
        byRoom.set(roomId, online);
      }
    }
    return byRoom;
  }
}
