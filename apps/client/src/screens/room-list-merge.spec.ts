import { describe, expect, it } from '@jest/globals';
import type { RoomSummary } from '@poker/shared';
import { isMine, mergeLoaded, mergeRoomList, roomsInView } from './room-list-merge';

const A = '6f1c2a44-9a0b-4c55-8d1e-3b2f0a9c7d10';
const B = '7f1c2a44-9a0b-4c55-8d1e-3b2f0a9c7d10';
const C = '8f1c2a44-9a0b-4c55-8d1e-3b2f0a9c7d10';

const room = (id: string, over: Partial<RoomSummary> = {}): RoomSummary => ({
  id,
  name: `Room ${id.slice(0, 1)}`,
  ownerAccountId: 'alice',
  issueCount: 1,
  updatedAt: '2026-11-30T07:00:00.000Z',
  version: 1,
  memberAccountIds: ['alice'],
  memberCount: 1,
  onlineCount: 0,
  ...over,
});

describe('the live room list', () => {
  it('adds new rooms, replaces older summaries, drops removed ones', () => {
    const held = [room(A), room(B, { version: 5, name: 'Kept' })];
    const merged = mergeRoomList(held, {
      rooms: [room(C, { updatedAt: '2026-11-30T08:00:00.000Z' }), room(B, { version: 4 })],
      removedRoomIds: [A],
    });
    expect(merged.map((r) => r.id)).toEqual([C, B]);
    expect(merged[1].name).toBe('Kept');
  });

  it('keeps a newer pushed summary over an older answer, and no removed room', () => {
    const held = [room(A, { version: 3, onlineCount: 2 })];
    const loaded = [room(A, { version: 2 }), room(B)];
    const merged = mergeLoaded(held, loaded, new Set([B]));
    expect(merged).toEqual([room(A, { version: 3, onlineCount: 2 })]);
  });

  it('shows my rooms first, and finds rooms by name or by the server’s issue match', () => {
    const rooms = [
      room(A, { name: 'Sprint 12', updatedAt: '2026-11-30T09:00:00.000Z' }),
      room(B, { name: 'Backlog', memberAccountIds: ['alice', 'bob'] }),
      room(C, { name: 'Design', ownerAccountId: 'bob' }),
    ];
    expect(roomsInView(rooms, 'bob', '', new Set()).map((r) => r.name)).toEqual([
      'Backlog',
      'Design',
      'Sprint 12',
    ]);
    expect(roomsInView(rooms, 'bob', 'sprint', new Set()).map((r) => r.id)).toEqual([A]);
    expect(roomsInView(rooms, 'bob', 'PROJ-3', new Set([C])).map((r) => r.id)).toEqual([C]);
    expect(isMine(rooms[0], 'bob')).toBe(false);
    expect(isMine(rooms[1], 'bob')).toBe(true);
  });
});
