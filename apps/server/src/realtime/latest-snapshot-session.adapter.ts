import { ServerEvent } from '@poker/shared';
import {
  Adapter,
  type BroadcastOptions,
  type PrivateSessionId,
  type Room,
  type Session,
} from 'socket.io-adapter';

type SessionToPersist = Omit<Session, 'missedPackets'>;

interface StoredPacket {
  seq: number;
  opts: BroadcastOptions;
  data: unknown[];
  emittedAt: number;
}

interface PacketLike {
  type: number;
  id?: number;
  data: unknown[];
}

/** socket.io's EVENT packet type. */
const EVENT = 2;

/**
 * Connection-state recovery for a single node that keeps, of the `room:state` snapshots, only
 * the newest one sent to each socket. socket.io's own SessionAwareAdapter keeps every packet
 * for the whole recovery window: at 1,000 changes/s that is hundreds of thousands of snapshots
 * (over a gigabyte, and 60 % more CPU per change in garbage collection), although each
 * snapshot is the complete room and replaces every earlier one. Everything else (the sessions,
 * the rooms a recovered socket is put back in, other events such as `room:removed`) works as in
 * socket.io: a socket that comes back within the window gets what it missed, in order.
 *
 * With the Redis adapter (several nodes) socket.io has no recovery at all; there, as after a
 * longer absence, the client's re-join resyncs it from the newest snapshot.
 */
export class LatestSnapshotSessionAdapter extends Adapter {
  private readonly sessions = new Map<PrivateSessionId, SessionToPersist & { at: number }>();
  /** Non-snapshot events, oldest first. */
  private readonly packets: StoredPacket[] = [];
  /** The newest snapshot sent to each target (a socket's own room). */
  private readonly snapshots = new Map<Room, StoredPacket>();
  /** Offsets are `<epoch>-<seq>`: an offset from another process is simply unknown here. */
  private readonly epoch = Date.now().toString(36);
  private seq = 0;
  /** Offsets up to here may have lost packets to expiry and cannot be recovered from. */
  private expiredUpTo = 0;
  private readonly windowMs: number;

  constructor(nsp: {
    server: { opts: { connectionStateRecovery: { maxDisconnectionDuration: number } } };
  }) {
    super(nsp);
    this.windowMs = nsp.server.opts.connectionStateRecovery.maxDisconnectionDuration;
    const timer = setInterval(() => this.expire(), Math.min(this.windowMs, 10_000));
    timer.unref();
  }

  override persistSession(session: SessionToPersist): void {
    this.sessions.set(session.pid, { ...session, at: Date.now() });
  }

  /**
   * What a recovering socket would get back, held until the handshake has checked its token
   * again (see `takeRecovered`). socket.io puts a restored socket in its rooms and writes the
   * missed packets to the wire in the Socket constructor, before any middleware runs: an
   * expired token or an uninstalled site would still receive them.
   */
  private readonly recovered = new Map<string, { session: Session; at: number }>();

  /** The rooms, data and missed packets of a recovered socket, once; only the handshake asks. */
  takeRecovered(sid: string): Session | undefined {
    const held = this.recovered.get(sid);
    this.recovered.delete(sid);
    return held?.session;
  }

  override restoreSession(pid: PrivateSessionId, offset: string): Promise<Session> {
    return this.restore(pid, offset).then((session) => {
      if (!session) return session;
      this.recovered.set(session.sid, { session, at: Date.now() });
      // socket.io gets the id back, and nothing else until the token has been checked again.
      return { ...session, rooms: [], data: {}, missedPackets: [] };
    });
  }

  private restore(pid: PrivateSessionId, offset: string): Promise<Session> {
    const session = this.sessions.get(pid);
    this.sessions.delete(pid);
    const from = this.seqOf(offset);
    if (!session || session.at + this.windowMs < Date.now() || from === undefined) {
      // socket.io's typings say Promise<Session>, but null (no session) is what it expects.
      return Promise.resolve(null as unknown as Session);
    }
    const missed = this.packets.filter((packet) => packet.seq > from);
    for (const room of session.rooms) {
      const snapshot = this.snapshots.get(room);
      if (snapshot && snapshot.seq > from) missed.push(snapshot);
    }
    return Promise.resolve({
      sid: session.sid,
      pid: session.pid,
      rooms: session.rooms,
      data: session.data,
      missedPackets: missed
        .filter((packet) => includes(session.rooms, packet.opts))
        .sort((a, b) => a.seq - b.seq)
        .map((packet) => packet.data),
    });
  }

  override broadcast(packet: PacketLike, opts: BroadcastOptions): void {
    // A patch is worth nothing without every one before it: not kept, and no offset, so a
    // socket that comes back is handed the newest snapshot and re-joins from there.
    if (packet.data[0] === ServerEvent.roomPatch) {
      super.broadcast(packet, opts);
      return;
    }
    // As socket.io: packets with an ack or sent volatile are not kept.
    if (packet.type === EVENT && packet.id === undefined && opts.flags?.volatile === undefined) {
      this.seq += 1;
      // The offset goes last in the data, where the client reads the last one it processed.
      packet.data.push(`${this.epoch}-${this.seq.toString(36)}`);
      const stored = { seq: this.seq, opts, data: packet.data, emittedAt: Date.now() };
      if (packet.data[0] === ServerEvent.roomState) {
        for (const room of opts.rooms) this.snapshots.set(room, stored);
      } else {
        this.packets.push(stored);
      }
    }
    super.broadcast(packet, opts);
  }

  private seqOf(offset: string): number | undefined {
    const [epoch, seq] = String(offset).split('-');
    const value = parseInt(seq ?? '', 36);
    if (epoch !== this.epoch || !Number.isFinite(value) || value < this.expiredUpTo) {
      return undefined;
    }
    return value;
  }

  private expire(): void {
    const threshold = Date.now() - this.windowMs;
    for (const [sid, held] of this.recovered) {
      if (held.at < threshold) this.recovered.delete(sid);
    }
    for (const [pid, session] of this.sessions) {
      if (session.at < threshold) this.sessions.delete(pid);
    }
    let expired = 0;
    while (expired < this.packets.length && this.packets[expired].emittedAt < threshold) {
      this.expiredUpTo = this.packets[expired].seq;
      expired += 1;
    }
    this.packets.splice(0, expired);
    for (const [room, snapshot] of this.snapshots) {
      if (snapshot.emittedAt < threshold) this.snapshots.delete(room);
    }
  }
}

/** Whether a packet sent with `opts` reached a socket in `rooms` (socket.io's own rule). */
function includes(rooms: Room[], opts: BroadcastOptions): boolean {
  const included = opts.rooms.size === 0 || rooms.some((room) => opts.rooms.has(room));
  const excluded = rooms.some((room) => opts.except?.has(room));
  return included && !excluded;
}
