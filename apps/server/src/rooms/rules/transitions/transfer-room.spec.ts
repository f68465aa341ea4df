import { expectRefused } from '../../testing/expect-refused';
import {
  actor,
  context,
  NOW,
  ROOM_ID,
  roomAggregate,
  type AggregateSpec,
} from '../room-aggregate.fixture';
import { applyWrites } from '../room-writes';
import { transferRoom } from './transfer-room';

const TAKEOVER_MS = 10 * 60_000;

/** Alice owns (last seen `ownerAgo` ago), bob and carol vote. */
const room = (ownerAgo = 0): AggregateSpec => ({
  members: [
    ['alice', 'owner', ownerAgo],
    ['bob', 'voter', 5_000],
    ['carol', 'voter'],
  ],
});

const transfer = (spec: AggregateSpec, by: string, to: string, online: string[]) => {
  const aggregate = roomAggregate(spec);
  const payload = { accountId: to, takeoverAfterMs: TAKEOVER_MS };
  const writes = transferRoom(aggregate, actor(by), payload, context(online));
  return { writes, after: applyWrites(aggregate, writes) };
};

const refuse = (spec: AggregateSpec, by: string, to: string, online: string[]) =>
  expectRefused(
    roomAggregate(spec),
    (aggregate) =>
      transferRoom(
        aggregate,
        actor(by),
        { accountId: to, takeoverAfterMs: TAKEOVER_MS },
        context(online),
      ),
    'FORBIDDEN',
    'Only the room owner can hand it over',
  );

const roles = (spec: AggregateSpec, by: string, to: string, online: string[]) =>
  transfer(spec, by, to, online).after.members.map((m) => [m.accountId, m.role]);

describe('transferRoom', () => {
  it('lets the owner hand the room to a member, and become a voter', () => {
    const { writes, after } = transfer(room(), 'alice', 'bob', ['alice', 'bob']);
    expect(writes.room).toEqual({ ownerAccountId: 'bob' });
    // Each keeps their last-seen time: handing over is not being seen.
    expect(writes.members).toEqual([
      { roomId: ROOM_ID, accountId: 'alice', role: 'voter', lastSeenAt: NOW },
      {
        roomId: ROOM_ID,
        accountId: 'bob',
        role: 'owner',
        lastSeenAt: new Date(NOW.getTime() - 5_000),
      },
    ]);
    expect(after.room.ownerAccountId).toBe('bob');
    expect(after.members.map((m) => m.role)).toEqual(['voter', 'owner', 'voter']);
  });

  it('changes nothing when the owner hands the room to themselves', () => {
    expect(transfer(room(), 'alice', 'alice', ['alice']).writes.isEmpty).toBe(true);
  });

  it('refuses to hand the room to someone who is not a member', () => {
    expectRefused(
      roomAggregate(),
      (aggregate) =>
        transferRoom(
          aggregate,
          actor('alice'),
          { accountId: 'mallory', takeoverAfterMs: TAKEOVER_MS },
          context(),
        ),
      'NOT_FOUND',
      'Member not found.',
    );
  });

  it('refuses a member handing the room on while the owner is around', () => {
    refuse(room(), 'bob', 'carol', ['alice', 'bob', 'carol']);
    refuse(room(), 'bob', 'bob', ['alice', 'bob', 'carol']);
  });

  describe('takeover from an owner who is away', () => {
    it('lets a member take the room for themselves once the owner was offline long enough', () => {
      const online = ['bob', 'carol'];
      expect(roles(room(TAKEOVER_MS), 'bob', 'bob', online)).toEqual([
        ['alice', 'voter'],
        ['bob', 'owner'],
        ['carol', 'voter'],
      ]);
      expect(transfer(room(TAKEOVER_MS + 1), 'bob', 'bob', online).writes.room).toEqual({
        ownerAccountId: 'bob',
      });
    });

    it('refuses before OWNER_TAKEOVER time has passed', () => {
      refuse(room(TAKEOVER_MS - 1), 'bob', 'bob', ['bob', 'carol']);
    });

    it('refuses while the owner is online, however long ago they were seen', () => {
      refuse(room(TAKEOVER_MS * 10), 'bob', 'bob', ['alice', 'bob']);
    });

    it('refuses to take it over for someone else', () => {
      refuse(room(TAKEOVER_MS * 10), 'bob', 'carol', ['bob', 'carol']);
    });

    it('refuses someone who is not a member', () => {
      expectRefused(
        roomAggregate(room(TAKEOVER_MS * 10)),
        (aggregate) =>
          transferRoom(
            aggregate,
            actor('mallory'),
            { accountId: 'mallory', takeoverAfterMs: TAKEOVER_MS },
            context([]),
          ),
        'FORBIDDEN',
        'Join the room first',
      );
    });

    it('treats an owner without a member row as gone for good', () => {
      const { writes } = transfer({ members: [['bob', 'voter']] }, 'bob', 'bob', ['bob']);
      expect(writes.members.map((m) => [m.accountId, m.role])).toEqual([['bob', 'owner']]);
      expect(writes.room).toEqual({ ownerAccountId: 'bob' });
    });
  });
});
