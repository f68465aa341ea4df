import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { REDIS, type RedisPair } from '../../realtime/redis-connection';
import { roomChannel, type PokerSocket, type SocketIdentity } from './room-channel';

/** How long the other nodes get to answer before this node goes with what it knows itself. */
const FETCH_TIMEOUT_MS = 1500;

interface OnlineEntry {
  accounts: Set<string>;
  /** Room version the set was last confirmed at. */
  version: number;
}

/**
 * Who is online in a room, derived from the sockets in its Socket.IO room on every node.
 * Asking all nodes (`fetchSockets`) costs a round trip through the adapter, so the answer is
 * cached per room and stamped with the room version it is known to hold at; a mutation that
 * finds a newer version than the stamp (a change made on another node it has not heard of yet)
 * asks again.
 */
@Injectable()
export class PresenceService {
  private readonly logger = new Logger(PresenceService.name);
  private namespace: Namespace | undefined;
  private readonly online = new Map<string, OnlineEntry>();

  constructor(@Inject(REDIS) private readonly redis: RedisPair | undefined) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /** Online account IDs of a room whose locked row is at `version`. */
  async onlineAt(roomId: string, version: number, refresh = false): Promise<Set<string>> {
    const entry = this.online.get(roomId);
    if (!refresh && entry && entry.version >= version) return entry.accounts;
    const accounts = await this.fetch(roomId);
    this.remember(roomId, accounts, version);
    return accounts;
  }

  /** Records what a snapshot of `version` said about presence (from this or another node). */
  remember(roomId: string, accounts: Set<string>, version: number): void {
    const entry = this.online.get(roomId);
    if (entry && entry.version > version) return;
    this.online.set(roomId, { accounts, version });
  }

  /** Drops the cache of a room this node no longer serves. */
  forget(roomId: string): void {
    this.online.delete(roomId);
  }

  /** Whether this node still holds a socket of `accountId` in the room. */
  hasLocalSocket(roomId: string, accountId: string): boolean {
    return this.localSockets(roomId).some((socket) => socket.data.accountId === accountId);
  }

  /** Sockets of a room connected to this node. */
  localSockets(roomId: string): PokerSocket[] {
    const namespace = this.namespace;
    if (!namespace) return [];
    const ids = namespace.adapter.rooms.get(roomChannel(roomId));
    if (!ids) return [];
    const sockets: PokerSocket[] = [];
    for (const id of ids) {
      const socket = namespace.sockets.get(id) as PokerSocket | undefined;
      if (socket) sockets.push(socket);
    }
    return sockets;
  }

  private async fetch(roomId: string): Promise<Set<string>> {
    if (!this.namespace) return new Set();
    // While Redis is away no other node can answer: do not hold the room lock waiting for them.
    if (this.redis && this.redis.pub.status !== 'ready') {
      return this.localView(roomId, 'Redis is down');
    }
    const asked = this.namespace.in(roomChannel(roomId)).fetchSockets();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no answer in time')), FETCH_TIMEOUT_MS);
    });
    try {
      const sockets = await Promise.race([asked, timeout]);
      return new Set(sockets.map((socket) => (socket.data as SocketIdentity).accountId));
    } catch (error) {
      asked.catch(() => undefined);
      return this.localView(roomId, String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * A node that left mid-request, or Redis being away, must not fail the change (a join would
   * be refused): go with this node's sockets and the last known set until presence is asked again.
   */
  private localView(roomId: string, reason: string): Set<string> {
    this.logger.warn(`Presence from other nodes unavailable (${reason}); using this node's view.`);
    const known = new Set(this.online.get(roomId)?.accounts ?? []);
    for (const socket of this.localSockets(roomId)) known.add(socket.data.accountId);
    return known;
  }
}
