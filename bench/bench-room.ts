import type { Socket } from 'socket.io-client';
import type { LeanAck } from './lean-parser';
import type { PhaseRecorder } from './phase-recorder';
import type { MemberPlan, OpKind, RoomPlan } from './worker-protocol';

export class BenchMember {
  socket!: Socket;
  /** Counted among the sockets that must receive a change (its join was acknowledged). */
  joined = false;
  /** Newest snapshot version this socket received through `room:state`. */
  lastVersion = 0;
  everConnected = false;
  /** Disconnected on purpose by the reconnect storm and not re-joined yet. */
  dropped = false;

  constructor(
    readonly plan: MemberPlan,
    readonly room: BenchRoom,
  ) {}
}

/** One emit waiting for its ack and for every member to hold the version the ack names. */
interface PendingOp {
  kind: OpKind;
  startedAt: number;
  /** The ack's snapshot version; 0 until the ack arrives. */
  version: number;
  done: boolean;
  then: ((succeeded: boolean) => void) | undefined;
}

/**
 * A room as the generator tracks it. Latency of an operation = from its emit until the last
 * joined member has received a `room:state` at least as new as the version in the ack. All
 * members of a room live in one worker, so both ends are timed on one clock.
 */
export class BenchRoom {
  id = '';
  readonly members: BenchMember[];
  /** `{ roomId }`, built once: reveal and reset send nothing else. */
  ref = { roomId: '' };
  maxVersion = 0;
  private readonly ops: PendingOp[] = [];
  private recovery: { since: number; awaiting: number; onRecovered: () => void } | undefined;

  constructor(
    readonly plan: RoomPlan,
    private readonly recorder: PhaseRecorder,
  ) {
    this.members = plan.members.map((member) => new BenchMember(member, this));
  }

  get owner(): BenchMember {
    return this.members[0];
  }

  get busy(): boolean {
    return this.ops.length > 0;
  }

  emit(
    kind: OpKind,
    member: BenchMember,
    payload: object,
    then?: (succeeded: boolean) => void,
  ): void {
    const op: PendingOp = { kind, startedAt: performance.now(), version: 0, done: false, then };
    this.ops.push(op);
    const event = kind === 'room:rejoin' ? 'room:join' : kind;
    member.socket.emit(event, payload, (ack: LeanAck) => this.acked(op, member, ack));
  }

  /** A `room:state` reached a member (handlers get only the version: see lean-parser). */
  received(member: BenchMember, version: number): void {
    if (version <= member.lastVersion) return;
    member.lastVersion = version;
    if (version > this.maxVersion) this.maxVersion = version;
    this.settle();
  }

  /** Fails operations older than `timeoutMs`: no ack, or an ack but a member never got the state. */
  sweep(now: number, timeoutMs: number): void {
    if (this.ops.length === 0) return;
    const expired = this.ops.filter((op) => now - op.startedAt >= timeoutMs);
    for (const op of expired) {
      if (op.done) continue;
      this.finish(
        op,
        false,
        op.version ? `${op.kind}: room:state missing` : `${op.kind}: ack timeout`,
      );
    }
  }

  /** The reconnect storm dropped `count` of this room's members at `since`. */
  expectRecovery(since: number, count: number, onRecovered: () => void): void {
    this.recovery = { since, awaiting: count, onRecovered };
  }

  rejoined(): void {
    if (this.recovery) this.recovery.awaiting -= 1;
    this.settle();
  }

  /** Every member joined, nothing in flight, and all hold the same, newest version. */
  consistent(): boolean {
    if (this.ops.length > 0) return false;
    return this.members.every((m) => m.joined && m.lastVersion === this.maxVersion);
  }

  private acked(op: PendingOp, member: BenchMember, ack: LeanAck): void {
    if (op.done) return;
    if (!ack.ok) {
      // Digits vary (IDs, counts); without them equal messages add up under one cause.
      const message = ack.message.slice(0, 60).replace(/\d+/g, '#');
      this.finish(op, false, `${op.kind}: ${ack.code} ${message}`);
      return;
    }
    if (op.kind === 'room:create') {
      this.id = ack.roomId;
      this.ref = { roomId: ack.roomId };
    }
    if (op.kind === 'room:create' || op.kind === 'room:join' || op.kind === 'room:rejoin') {
      member.joined = true;
    }
    op.version = ack.version;
    if (ack.version > this.maxVersion) this.maxVersion = ack.version;
    this.settle();
  }

  private settle(): void {
    if (this.ops.length > 0) {
      let oldest = Infinity;
      for (const member of this.members) {
        if (member.joined && member.lastVersion < oldest) oldest = member.lastVersion;
      }
      // Restart after each finish: its follow-up may emit (or re-join) and reshape the list.
      for (let i = 0; i < this.ops.length;) {
        const op = this.ops[i];
        if (op.version > 0 && op.version <= oldest) {
          this.finish(op, true);
          i = 0;
        } else {
          i += 1;
        }
      }
    }
    const recovery = this.recovery;
    if (recovery && recovery.awaiting <= 0 && this.consistent()) {
      this.recovery = undefined;
      this.recorder.latency('recovery', performance.now() - recovery.since);
      recovery.onRecovered();
    }
  }

  private finish(op: PendingOp, succeeded: boolean, cause?: string): void {
    op.done = true;
    this.ops.splice(this.ops.indexOf(op), 1);
    if (succeeded) this.recorder.latency(op.kind, performance.now() - op.startedAt);
    else if (cause) this.recorder.error(cause);
    op.then?.(succeeded);
  }
}
