import { actor, context, NOW, ROOM_ID, roomAggregate } from '../room-aggregate.fixture';
import { applyWrites } from '../room-writes';
import { goOffline } from './go-offline';

describe('goOffline', () => {
  it('moves the last-seen time of a member whose last socket went, in their role', () => {
    const aggregate = roomAggregate({
      members: [
        ['alice', 'owner'],
        ['olga', 'observer', 60_000],
      ],
    });
    const writes = goOffline(aggregate, actor('olga'), undefined, context(['alice']));
    expect(writes.members).toEqual([
      { roomId: ROOM_ID, accountId: 'olga', role: 'observer', lastSeenAt: NOW },
    ]);
    expect(applyWrites(aggregate, writes).members[1].lastSeenAt).toEqual(NOW);
  });

  it('changes nothing while another socket of theirs is in the room', () => {
    const writes = goOffline(roomAggregate(), actor('bob'), undefined, context(['bob']));
    expect(writes.isEmpty).toBe(true);
  });

  it('changes nothing for someone who is not a member (any more)', () => {
    const writes = goOffline(roomAggregate(), actor('mallory'), undefined, context([]));
    expect(writes.isEmpty).toBe(true);
  });

  it('keeps their card: being offline is not leaving', () => {
    const aggregate = roomAggregate({ votes: [['bob', '5']] });
    const writes = goOffline(aggregate, actor('bob'), undefined, context(['alice']));
    expect(writes.votes).toEqual([]);
  });
});
