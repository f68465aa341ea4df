import WebSocket from 'ws';
import { SEED_USERS } from '../../apps/jira-sim/src';
import { HANDSHAKE_TIMEOUT_MS } from '../../apps/server/src/realtime/handshake-deadline';
import { startStack, type Stack } from '../support/stack';

/** A raw engine.io WebSocket: what a scanner or a broken client holds open. */
interface RawConnection {
  /** Socket.IO packets the server sent (engine.io messages, the leading `4` removed). */
  packets: string[];
  /** Milliseconds from the transport's open to its close, once closed. */
  closedAfter(): Promise<number>;
  send(packet: string): void;
  close(): void;
}

async function openRaw(baseUrl: string): Promise<RawConnection> {
  const ws = new WebSocket(
    `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`,
  );
  const packets: string[] = [];
  let openedAt = 0;
  const closed = new Promise<number>((resolve) => ws.on('close', () => resolve(Date.now())));
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith('0')) {
        openedAt = Date.now();
        resolve();
      } else if (text.startsWith('4')) packets.push(text.slice(1));
    });
    ws.once('error', reject);
  });
  return {
    packets,
    closedAfter: async () => (await closed) - openedAt,
    send: (packet) => ws.send(`4${packet}`),
    close: () => ws.close(),
  };
}

/** Whether the server closed the connection within `ms` of its open. */
async function closedWithin(connection: RawConnection, ms: number): Promise<boolean> {
  const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), ms));
  return (await Promise.race([connection.closedAfter(), timeout])) <= ms;
}

describe('connections that never authenticate', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const LIMIT_MS = HANDSHAKE_TIMEOUT_MS + 500;

  it('closes a connection that never asks for a namespace within a second', async () => {
    const connection = await openRaw(stack.server.url);
    expect(await closedWithin(connection, LIMIT_MS)).toBe(true);
  });

  it('closes a connection to /poker without a token, after telling it why', async () => {
    const connection = await openRaw(stack.server.url);
    connection.send('0/poker,');
    expect(await closedWithin(connection, LIMIT_MS)).toBe(true);
    expect(connection.packets).toEqual([expect.stringMatching(/^4\/poker,.*UNAUTHENTICATED/)]);
  });

  it('closes a connection with a bad token within a second', async () => {
    const connection = await openRaw(stack.server.url);
    connection.send(`0/poker,${JSON.stringify({ token: 'not.a.jwt' })}`);
    expect(await closedWithin(connection, LIMIT_MS)).toBe(true);
  });

  it('refuses the main namespace and any other, and closes those connections within a second', async () => {
    for (const packet of ['0', '0/admin,', `0/other,${JSON.stringify({ token: 'x' })}`]) {
      const connection = await openRaw(stack.server.url);
      connection.send(packet);
      const closed = await closedWithin(connection, LIMIT_MS);
      expect({ packet, closed }).toEqual({ packet, closed: true });
      // A CONNECT_ERROR (type 4), never a CONNECT (type 0) that would let it in.
      expect(connection.packets.every((p) => p.startsWith('4'))).toBe(true);
    }
  });

  it('keeps an authenticated /poker connection open', async () => {
    const site = await stack.site();
    const token = site.contextToken(SEED_USERS.alice.accountId);
    const connection = await openRaw(stack.server.url);
    connection.send(`0/poker,${JSON.stringify({ token })}`);
    expect(await closedWithin(connection, LIMIT_MS)).toBe(false);
    expect(connection.packets[0]).toMatch(/^0\/poker,\{"sid"/);
    connection.close();
  });
});
