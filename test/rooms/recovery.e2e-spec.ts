import { POKER_NAMESPACE, ServerEvent, type RoomSnapshot } from '@poker/shared';
import { io, type Socket } from 'socket.io-client';
import { SEED_USERS, type JiraSim } from '../../apps/jira-sim/src';
import { startStack, type Stack } from '../support/stack';

const { alice, bob } = SEED_USERS;

/**
 * Connection-state recovery on one node: a socket that loses its connection and comes back
 * within the window gets its session back, still in its rooms, without re-joining.
 */
describe('live rooms: connection-state recovery', () => {
  let stack: Stack;
  let site: JiraSim;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    stack = await startStack();
    site = await stack.site();
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await stack.close();
  });

  function connect(accountId: string): Promise<Socket> {
    const socket = io(stack.server.url + POKER_NAMESPACE, {
      auth: (cb) => cb({ token: site.contextToken(accountId) }),
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 100,
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  }

  const states = (socket: Socket) => {
    const seen: RoomSnapshot[] = [];
    socket.on(ServerEvent.roomState, (room: RoomSnapshot) => seen.push(room));
    return seen;
  };

  async function until(check: () => boolean): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('brings a dropped socket back into its room, receiving changes without a re-join', async () => {
    const owner = await connect(alice.accountId);
    const voter = await connect(bob.accountId);
    const created = await owner.emitWithAck('room:create', {
      name: 'Recovery',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });
    const roomId = (created as { data: { room: RoomSnapshot } }).data.room.id;
    await voter.emitWithAck('room:join', { roomId });
    // Many changes before the drop: the server keeps only the newest snapshot per socket, and
    // recovery must still find the voter's place (its offset is one of those snapshots).
    for (let i = 0; i < 20; i += 1) {
      await owner.emitWithAck('vote:cast', { roomId, value: i % 2 ? '3' : '5' });
    }
    const seen = states(voter);
    const sessionId = voter.id;
    voter.io.engine.close();
    await until(() => voter.connected);
    expect(voter.recovered).toBe(true);
    expect(voter.id).toBe(sessionId);

    const ack = (await owner.emitWithAck('vote:reveal', { roomId })) as {
      data: { room: RoomSnapshot };
    };
    await until(() => seen.some((room) => room.version === ack.data.room.version));
    expect(seen.at(-1)).toMatchObject({ revealed: true, myVote: null });
  });

  it('falls back to a new session (and a re-join) when the offset is unknown', async () => {
    const voter = await connect(bob.accountId);
    voter.io.engine.close();
    await until(() => voter.connected);
    // Nothing was ever sent to this socket, so it has no offset to recover from.
    expect(voter.recovered).toBe(false);
  });

  it('replays nothing, and joins nothing, before the returning token has passed again', async () => {
    const owner = await connect(alice.accountId);
    let token = site.contextToken(bob.accountId);
    const voter = io(stack.server.url + POKER_NAMESPACE, {
      auth: (cb) => cb({ token }),
      transports: ['websocket'],
      reconnectionDelay: 50,
      reconnectionDelayMax: 100,
    });
    sockets.push(voter);
    await new Promise((resolve) => voter.once('connect', () => resolve(undefined)));
    const created = (await owner.emitWithAck('room:create', {
      name: 'Recovery refused',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    })) as { data: { room: RoomSnapshot } };
    const roomId = created.data.room.id;
    await voter.emitWithAck('room:join', { roomId });
    await owner.emitWithAck('vote:cast', { roomId, value: '3' });
    // Everything that reaches the voter's connection, below socket.io's own buffering.
    const wire: string[] = [];
    const refused = new Promise((resolve) => voter.once('connect_error', resolve));
    // The voter comes back with a token that no longer passes (expired long ago).
    token = site.contextToken(bob.accountId, { expiresInSec: -3600 });
    voter.io.engine.close();
    voter.io.on('open', () => voter.io.engine.on('packet', (p) => wire.push(String(p.data))));
    // Changes it misses while away, meant for its room.
    await owner.emitWithAck('vote:cast', { roomId, value: '8' });
    await owner.emitWithAck('vote:reveal', { roomId });
    await refused;
    voter.io.reconnection(false);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(wire.filter((data) => data.includes('room:state'))).toEqual([]);
    await owner.emitWithAck('vote:reset', { roomId });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(wire.filter((data) => data.includes('room:state'))).toEqual([]);
  });
});
