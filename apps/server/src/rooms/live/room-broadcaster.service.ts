import { Inject, Injectable, Logger } from '@nestjs/common';
import { ServerEvent, type RoomPatch, type RoomSnapshot } from '@poker/shared';
import type { Namespace } from 'socket.io';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { REDIS, type RedisPair } from '../../realtime/redis-connection';
import { withPreEncodedViews } from '../../realtime/snapshot-encoder';
import { PresenceService } from './presence.service';
import type { RoomAggregate } from '../rules/room-aggregate';
import { aggregateRows, fromAggregateRows, type AggregateRows } from './aggregate-rows';
import { patchesFor, type Delivered } from './patch-views';
import { RoomCache } from '../store/room-cache.service';
import { checkRemoteChange, type CheckedRemoteChange } from './remote-change.schema';
import { roomChannel, type PokerSocket } from './room-channel';
import { buildSnapshot, myVotes } from '../rules/room-snapshot';
import { myAsyncCards } from '../rules/async-votes';

/**
 * What one node tells the others after a change: the rows and who is online. Each node builds
 * the snapshot itself (as cheap as parsing one) and keeps the rows, so that the next change
 * made on it starts from its cache instead of re-reading the room from Postgres. The message
 * travels as JSON through the adapter's request channel, so it is kept to the rows alone.
 */
interface RemoteChange {
  format: typeof REMOTE_FORMAT;
  rows: AggregateRows;
  online: string[];
}

/**
 * Bumped whenever RemoteChange changes shape: during a rolling deploy a node ignores what it
 * cannot read (its clients catch up at the room's next change, or when they re-join).
 */
const REMOTE_FORMAT = 6;

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
  /** What this node's sockets of each room last got: the base of the next `room:patch`. */
  private readonly delivered = new Map<string, Delivered>();

  constructor(
    private readonly presence: PresenceService,
    private readonly cache: RoomCache,
    @Inject(REDIS) private readonly redis: RedisPair | undefined,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'ownerTakeoverSeconds'>,
  ) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.on(ROOM_CHANGED, (change: unknown) => this.received(change));
  }

  publish(
    snapshot: RoomSnapshot,
    cards: Map<string, string>,
    aggregate: RoomAggregate,
    online: Set<string>,
  ): void {
    const asyncCards = myAsyncCards(aggregate);
    this.deliver(snapshot, cards, online, this.presence.localSockets(snapshot.id), asyncCards);
    // A single node has no one to tell (and the in-memory adapter would only warn).
    if (this.redis) {
      const change: RemoteChange = {
        format: REMOTE_FORMAT,
        rows: aggregateRows(aggregate),
        online: [...online],
      };
      this.namespace?.serverSideEmit(ROOM_CHANGED, change);
    }
  }

  /** Tells every socket of the room, on every node, that it is gone, and empties the room. */
  removed(roomId: string): void {
    const namespace = this.namespace;
    if (!namespace) return;
    namespace.to(roomChannel(roomId)).emit(ServerEvent.roomRemoved, { roomId });
    namespace.in(roomChannel(roomId)).socketsLeave(roomChannel(roomId));
    this.forget(roomId);
  }

  /** This node serves the room no more: drop what it knew of it. */
  private forget(roomId: string): void {
    this.delivered.delete(roomId);
    this.presence.forget(roomId);
  }

  private received(message: unknown): void {
    if ((message as Partial<RemoteChange> | null)?.format !== REMOTE_FORMAT) return;
    const checked = checkRemoteChange(message);
    const change = checked.change;
    // A malformed message (or one naming another tenant for a room we hold) is dropped, and
    // what this node held of the room goes too: its next change reads Postgres, the truth.
    if (!change || !this.sameTenant(change)) {
      const roomId = change?.rows.room.id ?? checked.roomId;
      if (roomId) this.cache.evict(roomId);
      this.logger.warn('Dropped a malformed room change from another node.');
      return;
    }
    try {
      const roomId = change.rows.room.id;
      const sockets = this.presence.localSockets(roomId);
      // Only rooms this node serves are worth the work; the others would just crowd the cache.
      if (sockets.length === 0) {
        this.forget(roomId);
        return;
      }
      const aggregate = fromAggregateRows(change.rows);
      const online = new Set(change.online);
      this.cache.put(aggregate);
      const takeoverAfterMs = this.config.ownerTakeoverSeconds * 1000;
      const snapshot = buildSnapshot(aggregate, online, takeoverAfterMs);
      this.deliver(snapshot, myVotes(aggregate), online, sockets, myAsyncCards(aggregate));
    } catch (error) {
      this.logger.warn(`Could not deliver a change made elsewhere: ${String(error)}`);
    }
  }

  /** A room never changes tenant: a message saying otherwise is not to be trusted. */
  private sameTenant(change: CheckedRemoteChange): boolean {
    const known = this.cache.peek(change.rows.room.id);
    return !known || known.room.tenantId === change.rows.room.tenantId;
  }

  /**
   * Hands the room's sockets on this node the new state, each with its own card: a `room:patch`
   * from what they got last to sockets that asked for patches, the whole `room:state` to the
   * others (and to everyone when this node has sent nothing of the room yet).
   */
  private deliver(
    snapshot: RoomSnapshot,
    cards: ReadonlyMap<string, string>,
    online: Set<string>,
    sockets: PokerSocket[],
    asyncCards?: ReadonlyMap<string, Record<string, string>>,
  ): void {
    const roomId = snapshot.id;
    if (sockets.length === 0) {
      this.forget(roomId);
      return;
    }
    const previous = this.delivered.get(roomId);
    // Changes from two nodes can cross in flight; a member never needs an older one.
    if (previous && previous.snapshot.version > snapshot.version) return;
    const next = { snapshot, cards, asyncCards };
    this.delivered.set(roomId, next);
    this.presence.remember(roomId, online, snapshot.version);
    const patching = previous ? sockets.filter((socket) => socket.data.patches) : [];
    const whole = patching.length > 0 ? sockets.filter((socket) => !socket.data.patches) : sockets;
    if (whole.length > 0) this.deliverStates(snapshot, cards, whole, asyncCards);
    if (previous && patching.length > 0) this.deliverPatches(previous, next, patching);
  }

  /**
   * Members holding the same card (or none) see the same snapshot: one emit per distinct card,
   * so socket.io encodes each view once and keeps it once for connection recovery.
   */
  private deliverStates(
    snapshot: RoomSnapshot,
    cards: ReadonlyMap<string, string>,
    sockets: PokerSocket[],
    asyncCards?: ReadonlyMap<string, Record<string, string>>,
  ): void {
    if (asyncCards && asyncCards.size > 0) {
      // Members holding async cards each get their own view (async-votes.ts); rare.
      const others: PokerSocket[] = [];
      for (const socket of sockets) {
        const myAsyncVotes = asyncCards.get(socket.data.accountId);
        if (!myAsyncVotes) others.push(socket);
        else {
          const myVote = cards.get(socket.data.accountId) ?? null;
          this.emit([socket.id], ServerEvent.roomState, { ...snapshot, myVote, myAsyncVotes });
        }
      }
      sockets = others;
      if (sockets.length === 0) return;
    }
    const byCard = groupBy(sockets, (socket) => cards.get(socket.data.accountId) ?? null);
    const views = withPreEncodedViews(snapshot, byCard.keys());
    for (const [card, ids] of byCard) this.emit(ids, ServerEvent.roomState, views.get(card));
  }

  private deliverPatches(previous: Delivered, next: Delivered, sockets: PokerSocket[]): void {
    const accounts = new Set(sockets.map((socket) => socket.data.accountId));
    const patches = patchesFor(previous, next, accounts);
    const patchOf = new Map<string, RoomPatch>();
    for (const { patch, accountIds } of patches.values()) {
      for (const accountId of accountIds) patchOf.set(accountId, patch);
    }
    const byPatch = groupBy(sockets, (socket) => patchOf.get(socket.data.accountId));
    for (const [patch, ids] of byPatch) this.emit(ids, ServerEvent.roomPatch, patch);
  }

  private emit(socketIds: string[], event: string, payload: unknown): void {
    try {
      // `local`: each node delivers to its own sockets. A plain socket.emit would, with
      // connection-state recovery on, also be published through Redis to every other node.
      this.namespace?.local.to(socketIds).emit(event, payload);
    } catch (error) {
      this.logger.warn(`Could not deliver ${event}: ${String(error)}`);
    }
  }
}

/** Socket IDs grouped by `key` (in first-seen order). */
function groupBy<K>(sockets: PokerSocket[], key: (socket: PokerSocket) => K): Map<K, string[]> {
  const groups = new Map<K, string[]>();
  for (const socket of sockets) {
    const k = key(socket);
    const ids = groups.get(k);
    if (ids) ids.push(socket.id);
    else groups.set(k, [socket.id]);
  }
  return groups;
}
