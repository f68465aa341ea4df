import { Inject, Injectable, Logger } from '@nestjs/common';
import { ServerEvent, type RoomSnapshot } from '@poker/shared';
import type { Namespace } from 'socket.io';
import { REDIS, type RedisPair } from '../realtime/redis-connection';
import { PresenceService } from './presence.service';
import { roomChannel } from './room-channel';

/** What one node tells the others after a change: the snapshot and the hidden cards. */
interface RoomChange {
  snapshot: RoomSnapshot;
  myVotes: Record<string, string>;
}

const ROOM_CHANGED = 'poker:room-changed';

/**
 * Sends every member the new snapshot after a committed change. Each socket gets its own card
 * as `myVote`, which a plain room broadcast cannot do, so the change travels to the other nodes
 * through the adapter (`serverSideEmit`) and each node hands it to its own sockets.
 */
@Injectable()
export class RoomBroadcaster {
  private readonly logger = new Logger(RoomBroadcaster.name);
  private namespace: Namespace | undefined;
  private readonly lastVersion = new Map<string, number>();

  constructor(
    private readonly presence: PresenceService,
    @Inject(REDIS) private readonly redis: RedisPair | undefined,
  ) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.on(ROOM_CHANGED, (change: RoomChange) => this.deliver(change));
  }

  publish(snapshot: RoomSnapshot, myVotes: Map<string, string>): void {
    const change = { snapshot, myVotes: Object.fromEntries(myVotes) };
    this.deliver(change);
    // A single node has no one to tell (and the in-memory adapter would only warn).
    if (this.redis) this.namespace?.serverSideEmit(ROOM_CHANGED, change);
  }

  /** Tells every socket of the room, on every node, that it is gone, and empties the room. */
  removed(roomId: string): void {
    const namespace = this.namespace;
    if (!namespace) return;
    namespace.to(roomChannel(roomId)).emit(ServerEvent.roomRemoved, { roomId });
    namespace.in(roomChannel(roomId)).socketsLeave(roomChannel(roomId));
    this.lastVersion.delete(roomId);
    this.presence.forget(roomId);
  }

  private deliver({ snapshot, myVotes }: RoomChange): void {
    const roomId = snapshot.id;
    const sockets = this.presence.localSockets(roomId);
    if (sockets.length === 0) {
      this.lastVersion.delete(roomId);
      this.presence.forget(roomId);
      return;
    }
    // Changes from two nodes can cross in flight; a member never needs an older one.
    if ((this.lastVersion.get(roomId) ?? 0) > snapshot.version) return;
    this.lastVersion.set(roomId, snapshot.version);
    const online = snapshot.members.filter((m) => m.online).map((m) => m.accountId);
    this.presence.remember(roomId, new Set(online), snapshot.version);
    const perAccount = new Map<string, RoomSnapshot>();
    for (const socket of sockets) {
      const accountId = socket.data.accountId;
      let view = perAccount.get(accountId);
      if (!view) {
        view = { ...snapshot, myVote: myVotes[accountId] ?? null };
        perAccount.set(accountId, view);
      }
      try {
        // `local`: each node delivers to its own sockets. A plain socket.emit would, with
        // connection-state recovery on, also be published through Redis to every other node.
        this.namespace?.local.to(socket.id).emit(ServerEvent.roomState, view);
      } catch (error) {
        this.logger.warn(`Could not deliver room:state: ${String(error)}`);
      }
    }
  }
}
