import type { Namespace } from 'socket.io';
import type { PresenceService } from './presence.service';
import { aggregateRows, type RoomAggregate } from './room-aggregate';
import { RoomBroadcaster } from './room-broadcaster.service';
import { RoomCache } from './room-cache.service';
import { RoomMember } from './room-member.entity';
import { Room } from './room.entity';

const roomId = '6f1c2b9e-6a4d-4f3b-9a51-0c7d2e8f1a23';
const tenantId = '0b5e7a44-1f0c-4d8e-b2a7-5c9d3e6f7a81';

function aggregate(version: number): RoomAggregate {
  return {
    room: Object.assign(new Room(), {
      id: roomId,
      tenantId,
      ownerAccountId: 'acc-owner',
      name: 'Sprint 42',
      deck: { kind: 'fibonacci' },
      fieldId: null,
      autoReveal: false,
      autoAdvance: false,
      currentIssueKey: null,
      round: 0,
      revealed: false,
      timerEndsAt: null,
      version,
      updatedAt: new Date('2026-11-26T01:00:00.000Z'),
    }),
    members: [
      Object.assign(new RoomMember(), {
        roomId,
        accountId: 'acc-owner',
        role: 'owner',
        lastSeenAt: new Date('2026-11-26T00:59:00.000Z'),
      }),
    ],
    issues: [],
    votes: [],
  };
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
  return { format: 3, rows, online: ['acc-owner'] };
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
  const broadcaster = new RoomBroadcaster(presence, cache, undefined);
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
