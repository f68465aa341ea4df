import { ServerEvent } from '@poker/shared';
import { LatestSnapshotSessionAdapter } from './latest-snapshot-session.adapter';

/** The parts of a socket.io namespace the adapter touches (no sockets connected). */
function namespace() {
  return {
    sockets: new Map(),
    server: {
      encoder: { encode: () => ['encoded'] },
      opts: { connectionStateRecovery: { maxDisconnectionDuration: 30_000 } },
    },
  };
}

const EVENT = 2;
const send = (adapter: LatestSnapshotSessionAdapter, rooms: string[], data: unknown[]) => {
  const packet = { type: EVENT, nsp: '/poker', data: [...data] };
  adapter.broadcast(packet, { rooms: new Set(rooms), except: new Set() });
  return packet.data.at(-1) as string;
};
const session = (rooms: string[]) => ({ sid: 'sid-a', pid: 'pid-a', rooms, data: {} });

describe('LatestSnapshotSessionAdapter', () => {
  it('keeps only the newest snapshot per socket, and replays it with later events in order', async () => {
    const adapter = new LatestSnapshotSessionAdapter(namespace());
    let offset = '';
    for (let version = 1; version <= 1000; version += 1) {
      offset = send(adapter, ['sid-a'], [ServerEvent.roomState, { version }]);
    }
    send(adapter, ['sid-a'], [ServerEvent.roomState, { version: 1001 }]);
    send(adapter, ['room:r1'], [ServerEvent.roomRemoved, { roomId: 'r1' }]);
    send(adapter, ['sid-b'], [ServerEvent.roomState, { version: 7 }]);
    adapter.persistSession(session(['sid-a', 'room:r1']));

    const restored = await adapter.restoreSession('pid-a', offset);
    // socket.io gets only the id: rooms and packets wait until the handshake passed again.
    expect(restored).toMatchObject({ sid: 'sid-a', rooms: [], missedPackets: [] });
    const held = adapter.takeRecovered('sid-a');
    const missed = (held?.missedPackets ?? []).map((data) => [data[0], data[1]]);
    expect(held?.rooms).toEqual(['sid-a', 'room:r1']);
    expect(adapter.takeRecovered('sid-a')).toBeUndefined();
    expect(missed).toEqual([
      [ServerEvent.roomState, { version: 1001 }],
      [ServerEvent.roomRemoved, { roomId: 'r1' }],
    ]);
    expect((adapter as unknown as { snapshots: Map<string, unknown> }).snapshots.size).toBe(2);
  });

  it('refuses offsets it cannot vouch for, and sessions it does not know', async () => {
    const adapter = new LatestSnapshotSessionAdapter(namespace());
    const offset = send(adapter, ['sid-a'], [ServerEvent.roomState, { version: 1 }]);
    adapter.persistSession(session(['sid-a']));
    expect(await adapter.restoreSession('pid-a', 'another-process-1')).toBeNull();
    adapter.persistSession(session(['sid-a']));
    expect(await adapter.restoreSession('pid-unknown', offset)).toBeNull();
    expect(await adapter.restoreSession('pid-a', offset)).toMatchObject({ missedPackets: [] });
  });
});
