import { expectRefused } from '../../testing/expect-refused';
import { actor, context, NOW, ROOM_ID, roomAggregate } from '../room-aggregate.fixture';
import { memberOf } from '../room-aggregate';
import { applyWrites } from '../room-writes';
import { leaveRoom } from './leave-room';

describe('leaveRoom', () => {
  it('removes a member with their card in play', () => {
    const aggregate = roomAggregate({
      votes: [
        ['bob', '5'],
        ['carol', '3'],
      ],
    });
    const writes = leaveRoom(aggregate, actor('bob'), undefined, context());
    expect(writes.removedMembers).toEqual(['bob']);
    expect(writes.votes).toEqual([{ issueKey: 'PROJ-1', round: 1, accountId: 'bob', value: null }]);
    const after = applyWrites(aggregate, writes);
    expect(memberOf(after, 'bob')).toBeUndefined();
    expect(after.votes.map((v) => v.accountId)).toEqual(['carol']);
  });

  it('leaves the cards of a revealed round', () => {
    const aggregate = roomAggregate({ room: { revealed: true }, votes: [['bob', '5']] });
    const writes = leaveRoom(aggregate, actor('bob'), undefined, context());
    expect(writes.votes).toEqual([]);
    expect(applyWrites(aggregate, writes).votes).toHaveLength(1);
  });

  it('keeps the owner as owner and member, their card too: only the last-seen time moves', () => {
    const aggregate = roomAggregate({
      members: [
        ['alice', 'owner', 60_000],
        ['bob', 'voter'],
      ],
      votes: [['alice', '3']],
    });
    const writes = leaveRoom(aggregate, actor('alice'), undefined, context());
    expect(writes.members).toEqual([
      { roomId: ROOM_ID, accountId: 'alice', role: 'owner', lastSeenAt: NOW },
    ]);
    expect(writes.removedMembers).toEqual([]);
    expect(writes.votes).toEqual([]);
    expect(writes.room).toEqual({});
  });

  it('refuses someone who is not in the room', () => {
    expectRefused(
      roomAggregate(),
      (aggregate) => leaveRoom(aggregate, actor('mallory'), undefined, context()),
      'FORBIDDEN',
      'Join the room first',
    );
  });
});
