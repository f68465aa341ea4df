import {
  applyRoomPatch,
  ClientEvent,
  PATCH_PROTOCOL,
  POKER_NAMESPACE,
  ServerEvent,
  type Ack,
  type ClientAckData,
  type ClientEventName,
  type ClientPayloadInputs,
  type RoomPatch,
  type RoomSnapshot,
} from '@poker/shared';
import { io, type Socket } from 'socket.io-client';

/** A real Socket.IO client speaking the public protocol, as an outside integration would. */
export class PokerClient {
  readonly states: RoomSnapshot[] = [];
  readonly removed: string[] = [];
  private waiters: {
    match: (room: RoomSnapshot) => boolean;
    resolve: (room: RoomSnapshot) => void;
  }[] = [];
  /** Rooms this client is in, re-joined after every reconnect (resync by version). */
  readonly joined = new Map<string, 'voter' | 'observer'>();
  reconnects = 0;
  /** `room:patch` messages received (clients that asked for patches). */
  readonly patches: RoomPatch[] = [];
  /** The newest snapshot of each room, from broadcasts, patches and acks alike. */
  private readonly held = new Map<string, RoomSnapshot>();

  private constructor(readonly socket: Socket) {
    socket.io.on('reconnect', () => {
      this.reconnects += 1;
      for (const roomId of this.joined.keys()) this.rejoin(roomId);
    });
    socket.on(ServerEvent.roomState, (room: RoomSnapshot) => this.receive(room));
    // As the browser client does: apply to the newest snapshot held, or re-join on a gap.
    socket.on(ServerEvent.roomPatch, (patch: RoomPatch) => {
      this.patches.push(patch);
      const held = this.held.get(patch.roomId);
      if (!held || patch.version <= held.version) return;
      const next = applyRoomPatch(held, patch);
      if (next) this.receive(next);
      else this.rejoin(patch.roomId);
    });
    socket.on(ServerEvent.roomRemoved, ({ roomId }: { roomId: string }) =>
      this.removed.push(roomId),
    );
  }

  /** Joins again (resync): the ack carries the whole room. */
  private rejoin(roomId: string): void {
    const role = this.joined.get(roomId);
    this.socket.emit('room:join', { roomId, role }, (ack: Ack<{ room: RoomSnapshot }>) => {
      if (ack.ok) this.receive(ack.data.room);
    });
  }

  /**
   * Connects with a token (or a function giving a fresh one per (re)connect); `patches` asks
   * for `room:patch` after the first snapshot, as the browser client does.
   */
  static async connect(
    baseUrl: string,
    token: string | (() => string),
    options: { patches?: boolean } = {},
  ): Promise<PokerClient> {
    const protocol = options.patches ? { protocol: PATCH_PROTOCOL } : {};
    const socket = io(baseUrl + POKER_NAMESPACE, {
      auth: (cb) => cb({ token: typeof token === 'function' ? token() : token, ...protocol }),
      transports: ['websocket'],
      reconnection: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    const client = new PokerClient(socket);
    // Only the first connection may fail the call: a failed reconnect later must not close the
    // socket (socket.io-client keeps retrying, as the browser client does).
    await new Promise<void>((resolve, reject) => {
      const connected = () => {
        socket.off('connect_error', refused);
        resolve();
      };
      const refused = (error: Error) => {
        socket.off('connect', connected);
        socket.close();
        reject(error);
      };
      socket.once('connect', connected);
      socket.once('connect_error', refused);
    });
    return client;
  }

  private hold(room: RoomSnapshot): void {
    const known = this.held.get(room.id);
    if (!known || known.version <= room.version) this.held.set(room.id, room);
  }

  private receive(room: RoomSnapshot): void {
    this.hold(room);
    this.states.push(room);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.match(room)) return true;
      waiter.resolve(room);
      return false;
    });
  }

  /** Emits an event and resolves with its ack (any shape: tests assert on it). */
  call<E extends ClientEventName>(event: E, payload: unknown): Promise<Ack<ClientAckData[E]>> {
    return this.socket.timeout(10_000).emitWithAck(event, payload) as Promise<
      Ack<ClientAckData[E]>
    >;
  }

  /** Like call, but fails the test unless the ack is ok; returns its data. */
  async ok<E extends ClientEventName>(
    event: E,
    payload: ClientPayloadInputs[E],
  ): Promise<ClientAckData[E]> {
    const ack = await this.call(event, payload);
    if (!ack.ok) throw new Error(`${event} failed: ${ack.error.code} ${ack.error.message}`);
    const data = ack.data as { room?: RoomSnapshot };
    // An ack's snapshot is what later patches apply to.
    if (data.room) this.hold(data.room);
    if ((event === 'room:join' || event === 'room:create') && data.room) {
      const role = (payload as { role?: 'voter' | 'observer' }).role ?? 'voter';
      this.joined.set(data.room.id, role);
    }
    return ack.data;
  }

  /** The next room:state (already received or to come) that matches. */
  waitForState(match: (room: RoomSnapshot) => boolean, timeoutMs = 5000): Promise<RoomSnapshot> {
    const seen = [...this.states].reverse().find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('Timed out waiting for room:state')),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (room) => {
          clearTimeout(timer);
          resolve(room);
        },
      });
    });
  }

  latest(roomId: string): RoomSnapshot | undefined {
    return [...this.states].reverse().find((room) => room.id === roomId);
  }

  close(): void {
    this.socket.close();
  }
}

export { ClientEvent };
