import { NOW, ROOM_ID, roomAggregate, type AggregateSpec } from '../room-aggregate.fixture';
import { RoomWrites } from '../room-writes';
import { dropCurrentVote, memberRow } from './room-membership';

const dropped = (spec: AggregateSpec, accountId = 'bob') => {
  const writes = new RoomWrites();
  dropCurrentVote(roomAggregate(spec), accountId, writes);
  return writes.votes;
};

describe('room membership', () => {
  it('writes a whole new member row of the room', () => {
    expect(memberRow(roomAggregate(), 'dave', { role: 'observer', lastSeenAt: NOW })).toEqual({
      roomId: ROOM_ID,
      accountId: 'dave',
      role: 'observer',
      lastSeenAt: NOW,
    });
  });

  it('takes back the card a member holds in the hidden round in play', () => {
    expect(dropped({ votes: [['bob', '5']] })).toEqual([
      { issueKey: 'PROJ-1', round: 1, accountId: 'bob', value: null },
    ]);
  });

  it.each<[string, AggregateSpec]>([
    ['holds no card', { votes: [['carol', '5']] }],
    ['holds a card of an earlier round only', { room: { round: 2 }, votes: [['bob', '5', 1]] }],
    ['played in a revealed round', { room: { revealed: true }, votes: [['bob', '5']] }],
    ['is in a room with no issue in play', { room: { currentIssueKey: null, round: 0 } }],
  ])('takes nothing back from a member who %s', (_case, spec) => {
    expect(dropped(spec)).toEqual([]);
  });
});
