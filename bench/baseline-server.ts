import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { POKER_NAMESPACE, ServerEvent, type Deck, type RoomSnapshot } from '@poker/shared';
import { Server, type Socket } from 'socket.io';
import { BareRoom } from './bare-room';

/**
 * The floor we compare with: a bare socket.io server (our socket.io version and server options,
 * no NestJS, no database, no validation, no JWT check) speaking the same events and acks for
 * what the bench does: create, join, vote, reveal, re-vote, presence on disconnect. Like the
 * real server it sends the room's snapshot once per distinct `myVote` (each member sees its own
 * card), then acks.
 * Started by run.ts with PORT; serves /healthz.
 */
interface Identity {
  accountId: string;
  roomIds: string[];
}
type BareSocket = Socket & { data: Identity };
type Reply = (ack: unknown) => void;

const rooms = new Map<string, BareRoom>();
const http = createServer((request, response) => {
  response.statusCode = request.url === '/healthz' ? 200 : 404;
  response.end();
});
// The same options as apps/server/src/realtime/poker-io.adapter.ts, without connection-state
// recovery: bare socket.io is the floor. BASELINE_RECOVERY=1 turns socket.io's recovery on, to
// show what its buffer of every emitted packet costs (ours keeps one snapshot per socket).
const recovery = process.env.BASELINE_RECOVERY === '1';
const io = new Server(http, {
  transports: ['websocket', 'polling'],
  maxHttpBufferSize: 64 * 1024,
  cors: { origin: true, credentials: false },
  ...(recovery && {
    connectionStateRecovery: { maxDisconnectionDuration: 30_000, skipMiddlewares: false },
  }),
  pingInterval: 20_000,
  pingTimeout: 20_000,
});
const poker = io.of(POKER_NAMESPACE);
const channel = (roomId: string) => `room:${roomId}`;

/** Reads `sub` from the token without checking the signature: the baseline trusts everyone. */
function accountIdOf(token: unknown): string | undefined {
  if (typeof token !== 'string') return undefined;
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}

function localSockets(roomId: string): BareSocket[] {
  const sockets: BareSocket[] = [];
  for (const id of poker.adapter.rooms.get(channel(roomId)) ?? []) {
    const socket = poker.sockets.get(id);
    if (socket) sockets.push(socket as BareSocket);
  }
  return sockets;
}

/**
 * Bumps the version and sends the room's sockets their view, one emit per distinct own card
 * (`myVote`) as the real server does; returns the actor's view.
 */
function publish(room: BareRoom, actor: string): RoomSnapshot {
  room.version += 1;
  const sockets = localSockets(room.id);
  const online = new Set(sockets.map((socket) => socket.data.accountId));
  const snapshot = room.snapshot(online);
  const myVotes = room.currentVotes();
  const byCard = new Map<string | null, string[]>();
  for (const socket of sockets) {
    const card = myVotes.get(socket.data.accountId) ?? null;
    const ids = byCard.get(card);
    if (ids) ids.push(socket.id);
    else byCard.set(card, [socket.id]);
  }
  for (const [card, ids] of byCard) {
    poker.local.to(ids).emit(ServerEvent.roomState, { ...snapshot, myVote: card });
  }
  return { ...snapshot, myVote: myVotes.get(actor) ?? null };
}

function fail(reply: Reply, code: string, message: string): void {
  reply({ ok: false, error: { code, message } });
}

function enter(socket: BareSocket, room: BareRoom, reply: Reply): void {
  void socket.join(channel(room.id));
  if (!socket.data.roomIds.includes(room.id)) socket.data.roomIds.push(room.id);
  reply({ ok: true, data: { room: publish(room, socket.data.accountId) } });
}

/** Runs a change of a room the socket belongs to, then publishes and acks like the real server. */
function change(
  socket: BareSocket,
  payload: { roomId?: string },
  reply: Reply,
  apply: (room: BareRoom) => string | void,
) {
  const room = rooms.get(payload?.roomId ?? '');
  if (!room || !room.members.has(socket.data.accountId))
    return fail(reply, 'NOT_FOUND', 'No such room.');
  const refusal = apply(room);
  if (refusal) return fail(reply, 'CONFLICT', refusal);
  reply({ ok: true, data: { room: publish(room, socket.data.accountId) } });
}

poker.use((socket, next) => {
  const accountId = accountIdOf((socket.handshake.auth as { token?: unknown })?.token);
  if (!accountId) return next(new Error('UNAUTHENTICATED: auth.token must be a JWT.'));
  socket.data = { accountId, roomIds: [] } satisfies Identity;
  next();
});

poker.on('connection', (raw) => {
  const socket = raw as BareSocket;
  const me = () => socket.data.accountId;
  socket.on(
    'room:create',
    (payload: { name: string; deck: Deck; issueKeys: string[] }, reply: Reply) => {
      const room = new BareRoom(
        randomUUID(),
        payload.name,
        me(),
        payload.deck,
        payload.issueKeys[0] ?? 'PROJ-1',
      );
      rooms.set(room.id, room);
      enter(socket, room, reply);
    },
  );
  socket.on(
    'room:join',
    (payload: { roomId: string; role?: 'voter' | 'observer' }, reply: Reply) => {
      const room = rooms.get(payload.roomId);
      if (!room) return fail(reply, 'NOT_FOUND', 'No such room.');
      if (!room.members.has(me())) room.members.set(me(), payload.role ?? 'voter');
      enter(socket, room, reply);
    },
  );
  socket.on('vote:cast', (payload: { roomId: string; value: string }, reply: Reply) =>
    change(socket, payload, reply, (room) => {
      if (room.revealed) return 'Votes are already revealed.';
      room.currentVotes().set(me(), payload.value);
    }),
  );
  socket.on('vote:reveal', (payload: { roomId: string }, reply: Reply) =>
    change(socket, payload, reply, (room) => {
      room.revealed = true;
    }),
  );
  socket.on('vote:reset', (payload: { roomId: string }, reply: Reply) =>
    change(socket, payload, reply, (room) => room.startRound()),
  );
  socket.on('disconnect', () => {
    for (const roomId of socket.data.roomIds) {
      const room = rooms.get(roomId);
      const stillHere = localSockets(roomId).some((other) => other.data.accountId === me());
      if (room && !stillHere) publish(room, me());
    }
  });
});

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
