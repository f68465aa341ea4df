import { PATCH_PROTOCOL, POKER_NAMESPACE } from '@poker/shared';
import { io } from 'socket.io-client';
import { BenchMember, BenchRoom } from './bench-room';
import { leanParser } from './lean-parser';
import { PhaseRecorder } from './phase-recorder';
import { RoundDriver } from './round-driver';
import type { WorkerCommand, WorkerPlan, WorkerReply } from './worker-protocol';

/**
 * One load-generator process (forked by run.ts, one per core). It owns whole rooms, so the
 * emit and every member's receipt of the resulting state are timed on this process's clock.
 */
const recorder = new PhaseRecorder();
let plan: WorkerPlan;
let rooms: BenchRoom[] = [];
let drivers: RoundDriver[] = [];
let closing = false;

function send(reply: WorkerReply): void {
  process.send?.(reply);
}

function members(): BenchMember[] {
  return rooms.flatMap((room) => room.members);
}

function until(condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (condition() ? resolve() : setTimeout(check, 20));
    check();
  });
}

function openSocket(member: BenchMember, onFirst: (connected: boolean) => void): void {
  const startedAt = performance.now();
  let first = true;
  const socket = io(plan.urls[member.plan.node] + POKER_NAMESPACE, {
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    parser: leanParser,
    // As the browser client: patches after the first snapshot (the baseline ignores it).
    auth: (cb) => cb({ token: member.plan.token, protocol: PATCH_PROTOCOL }),
  });
  member.socket = socket;
  const room = member.room;
  socket.on('room:state', (version: number) => room.received(member, version));
  socket.on('connect', () => {
    if (first) {
      first = false;
      member.everConnected = true;
      recorder.latency('connect', performance.now() - startedAt);
      onFirst(true);
      return;
    }
    recorder.count(socket.recovered ? 'sessions recovered' : 'sessions new');
    if (room.id) rejoin(member);
  });
  socket.on('connect_error', (error) => {
    recorder.error(`connect_error: ${error.message.slice(0, 80)}`);
    // A refusal by the server's middleware is final; a transport error is retried by the client.
    if (first && !socket.active) {
      first = false;
      onFirst(false);
    }
  });
  socket.on('disconnect', (reason) => {
    member.joined = false;
    if (!member.dropped && !closing) recorder.error(`disconnect: ${reason}`);
  });
}

function rejoin(member: BenchMember): void {
  const room = member.room;
  room.emit('room:rejoin', member, room.ref, (succeeded) => {
    if (!member.dropped) return;
    member.dropped = false;
    if (!succeeded) recorder.error('re-join failed');
    room.rejoined();
  });
}

function connect(): Promise<void> {
  const all = members();
  let next = 0;
  let settled = 0;
  return new Promise((resolve) => {
    const launch = (): void => {
      while (next < all.length && next - settled < plan.connectConcurrency) {
        openSocket(all[next++], (connected) => {
          settled += 1;
          recorder.count(connected ? 'connected' : 'refused');
          if (settled === all.length) resolve();
          else launch();
        });
      }
    };
    if (all.length === 0) resolve();
    launch();
  });
}

/** Each owner creates its room, then the others join one after another; rooms run in parallel. */
async function join(): Promise<void> {
  await Promise.all(
    rooms.map(async (room) => {
      const created = await new Promise<boolean>((resolve) =>
        room.emit(
          'room:create',
          room.owner,
          { name: room.plan.name, deck: { kind: 'fibonacci' }, issueKeys: ['PROJ-1'] },
          resolve,
        ),
      );
      if (!created) return;
      recorder.count('rooms');
      for (const member of room.members.slice(1)) {
        const joined = await new Promise<boolean>((resolve) =>
          room.emit('room:join', member, room.ref, resolve),
        );
        if (joined) recorder.count('joined');
      }
    }),
  );
}

async function stopRounds(): Promise<void> {
  drivers.forEach((driver) => driver.stop());
  await until(() => rooms.every((room) => !room.busy));
}

/** Drops a random share of the sockets at once; resolves when every touched room is consistent. */
async function drop(fraction: number, timeoutMs: number): Promise<void> {
  const all = members().filter((member) => member.joined);
  for (let i = all.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  const dropped = all.slice(0, Math.round(all.length * fraction));
  const perRoom = new Map<BenchRoom, number>();
  dropped.forEach((member) => perRoom.set(member.room, (perRoom.get(member.room) ?? 0) + 1));
  let recovering = perRoom.size;
  const since = performance.now();
  for (const [room, count] of perRoom) room.expectRecovery(since, count, () => (recovering -= 1));
  recorder.count('dropped', dropped.length);
  recorder.count('rooms touched', perRoom.size);
  for (const member of dropped) {
    member.dropped = true;
    member.joined = false;
    member.socket.io.engine.close();
  }
  const deadline = since + timeoutMs;
  await until(() => recovering === 0 || performance.now() > deadline);
  recorder.count('rooms recovered', perRoom.size - recovering);
  if (recovering > 0) recorder.error('room not consistent before the deadline');
  // Late presence updates may still arrive: a room must stay consistent once settled.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await until(() => rooms.every((room) => !room.busy) || performance.now() > deadline + 2000);
  for (const room of perRoom.keys()) {
    if (!room.consistent()) recorder.error('room inconsistent after settling');
  }
}

async function run(command: WorkerCommand): Promise<void> {
  switch (command.kind) {
    case 'plan':
      plan = command.plan;
      rooms = plan.rooms.map((room) => new BenchRoom(room, recorder));
      setInterval(() => {
        const now = performance.now();
        for (const room of rooms) room.sweep(now, plan.ackTimeoutMs);
      }, 250).unref();
      send({ kind: 'ready' });
      return;
    case 'connect':
      recorder.begin();
      await connect();
      break;
    case 'join':
      recorder.begin();
      await join();
      break;
    case 'rounds-start':
      recorder.begin();
      drivers = rooms.filter((room) => room.id).map((room) => new RoundDriver(room, plan.periodMs));
      drivers.forEach((driver) => driver.start(Math.random() * plan.periodMs));
      send({ kind: 'ready' });
      return;
    case 'rounds-stop':
      await stopRounds();
      break;
    case 'drop':
      recorder.begin();
      await drop(command.fraction, command.timeoutMs);
      break;
    case 'close':
      closing = true;
      members().forEach((member) => member.socket?.close());
      setTimeout(() => process.exit(0), 200);
      return;
  }
  send({ kind: 'done', phase: command.kind, report: recorder.report() });
}

process.on('message', (command: WorkerCommand) => {
  run(command).catch((error: unknown) => {
    send({
      kind: 'failed',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  });
});
process.on('disconnect', () => process.exit(0));
