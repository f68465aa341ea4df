import type { Namespace } from 'socket.io';
import { roomAggregate, ROOM_ID as roomId } from '../rules/room-aggregate.fixture';
import type { RoomAggregate } from '../rules/room-aggregate';
import { RoomCache } from '../store/room-cache.service';
import { aggregateRows } from './aggregate-rows';
import type { PresenceService } from './presence.service';
import { RoomBroadcaster } from './room-broadcaster.service';

function aggregate(version: number): RoomAggregate {
  return roomAggregate({
    room: { version, currentIssueKey: null, round: 0, ownerAccountId: 'acc-owner' },
    members: [['acc-owner', 'owner']],
    issues: [],
  });
}

/** The rows as JSON hands them over: loosely typed, as a tampering sender could make them. */
interface Rows {
  room: Record<string, unknown>;
  members: unknown[][];
  votes: unknown[];
}

/** What another node would send after a change: the adapter hands it over as parsed JSON. */
function message(version: number, edit: (rows: Rows) => void = () => {}) {
  const rows = JSON.parse(JSON.stringify(aggregateRows(aggregate(version)))) as Rows;
  edit(rows);
  return { format: 6, rows, online: ['acc-owner'] };
}

/** A broadcaster on a node that serves the room (one local socket), and what it emitted. */
function node() {
  const cache = new RoomCache();
  const emitted: unknown[] = [];
  const listeners = new Map<string, (change: unknown) => void>();
  const namespace = {
    on: (event: string, listener: (change: unknown) => void) => listeners.set(event, listener),
    local: { to: () => ({ emit: (_event: string, view: unknown) => emitted.push(view) }) },
  } as unknown as Namespace;
  const presence = {
    localSockets: () => [{ id: 'socket-1', data: { accountId: 'acc-owner' } }],
    remember: () => undefined,
    forget: () => undefined,
  } as unknown as PresenceService;
  const broadcaster = new RoomBroadcaster(presence, cache, undefined, {
    ownerTakeoverSeconds: 120,
  });
  broadcaster.attach(namespace);
  const receive = (change: unknown) => listeners.get('poker:room-changed')!(change);
  return { cache, emitted, receive };
}

describe('room changes from other nodes', () => {
  it('caches and delivers a well-formed change', () => {
    const { cache, emitted, receive } = node();
    receive(message(5));
    expect(cache.peek(roomId)?.room.version).toBe(5);
    expect(emitted).toHaveLength(1);
  });

  it.each([
    ['a member role that does not exist', (rows: Rows) => (rows.members[0][1] = 'admin')],
    ['an owner that is not an account ID', (rows: Rows) => (rows.room.ownerAccountId = 42)],
    ['a vote tuple of the wrong shape', (rows: Rows) => (rows.votes = [['PROJ-1', 'one']])],
    ['a room field nobody knows', (rows: Rows) => (rows.room.isAdmin = true)],
    ['a version that is not a number', (rows: Rows) => (rows.room.version = '9')],
  ])('drops a change with %s and evicts the cached room', (_what, edit) => {
    const { cache, emitted, receive } = node();
    cache.put(aggregate(4));
    receive(message(9, edit));
    expect(cache.peek(roomId)).toBeUndefined();
    expect(emitted).toEqual([]);
  });

  it('drops a change that moves a cached room to another tenant, and evicts it', () => {
    const { cache, emitted, receive } = node();
    cache.put(aggregate(4));
    receive(
      message(9, (rows: Rows) => (rows.room.tenantId = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a')),
    );
    expect(cache.peek(roomId)).toBeUndefined();
    expect(emitted).toEqual([]);
  });

  it('drops messages that are not changes at all', () => {
    const { cache, emitted, receive } = node();
    cache.put(aggregate(4));
    for (const junk of [null, 'x', { format: 3 }, { format: 3, rows: null, online: [] }]) {
      receive(junk);
    }
    expect(emitted).toEqual([]);
  });
});
