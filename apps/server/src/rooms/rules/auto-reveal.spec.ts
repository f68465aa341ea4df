import { actor, context, roomAggregate, type AggregateSpec } from './room-aggregate.fixture';
import { applyWrites } from './room-writes';
import { castVote } from './transitions/cast-vote';
import { goOffline } from './transitions/go-offline';
import { joinRoom } from './transitions/join-room';
import { leaveRoom } from './transitions/leave-room';
import { updateSettings } from './transitions/update-settings';

/** Auto-reveal on; alice and bob voted, carol (online) is the last card missing. */
const waitingForCarol = (spec: AggregateSpec = {}): AggregateSpec => ({
  ...spec,
  room: { autoReveal: true, ...spec.room },
  votes: [
    ['alice', '3'],
    ['bob', '5'],
  ],
});
const REVEALED = { revealed: true, timerEndsAt: null };

describe('auto-reveal at the edges', () => {
  it('fires when the last missing voter votes', () => {
    const writes = castVote(
      roomAggregate(waitingForCarol()),
      actor('carol'),
      { value: '8' },
      context(),
    );
    expect(writes.room).toEqual(REVEALED);
  });

  it('fires when the last missing voter leaves', () => {
    const online = ['alice', 'bob'];
    const writes = leaveRoom(
      roomAggregate(waitingForCarol()),
      actor('carol'),
      undefined,
      context(online),
    );
    expect(writes.room).toEqual(REVEALED);
  });

  it('fires when the last missing voter switches to observer', () => {
    const writes = joinRoom(
      roomAggregate(waitingForCarol()),
      actor('carol'),
      { role: 'observer' },
      context(),
    );
    expect(writes.room).toEqual(REVEALED);
  });

  it('fires when the last missing voter goes offline past the grace period', () => {
    const online = ['alice', 'bob'];
    const writes = goOffline(
      roomAggregate(waitingForCarol()),
      actor('carol'),
      undefined,
      context(online),
    );
    expect(writes.room).toEqual(REVEALED);
  });

  it('does not fire while the one going offline is back (another socket)', () => {
    const writes = goOffline(
      roomAggregate(waitingForCarol()),
      actor('carol'),
      undefined,
      context(),
    );
    expect(writes.isEmpty).toBe(true);
  });

  it('fires when the switch is turned on with every online voter already voted', () => {
    const spec = waitingForCarol({ room: { autoReveal: false } });
    const online = ['alice', 'bob'];
    const writes = updateSettings(
      roomAggregate(spec),
      actor('alice'),
      { autoReveal: true },
      context(online),
    );
    expect(writes.room).toEqual({ autoReveal: true, ...REVEALED });
    // With carol online and no card, it waits.
    const waiting = updateSettings(
      roomAggregate(spec),
      actor('alice'),
      { autoReveal: true },
      context(),
    );
    expect(waiting.room).toEqual({ autoReveal: true });
  });

  it('fires when the owner, the last card missing, stops voting', () => {
    const spec: AggregateSpec = {
      room: { autoReveal: true },
      votes: [
        ['bob', '5'],
        ['carol', '8'],
      ],
    };
    const writes = updateSettings(
      roomAggregate(spec),
      actor('alice'),
      { ownerVotes: false },
      context(),
    );
    expect(writes.room).toEqual({ ownerVotes: false, ...REVEALED });
  });

  it('ignores an owner who does not vote when the last voter votes', () => {
    const spec: AggregateSpec = {
      room: { autoReveal: true, ownerVotes: false },
      votes: [['bob', '5']],
    };
    const writes = castVote(roomAggregate(spec), actor('carol'), { value: '8' }, context());
    expect(writes.room).toEqual(REVEALED);
  });

  it('never fires with the switch off, or on a revealed round, or with nobody left to vote', () => {
    const off = waitingForCarol({ room: { autoReveal: false } });
    expect(
      leaveRoom(roomAggregate(off), actor('carol'), undefined, context(['alice', 'bob'])).room,
    ).toEqual({});
    const everyoneGone = roomAggregate({ room: { autoReveal: true } });
    const left = applyWrites(
      everyoneGone,
      leaveRoom(everyoneGone, actor('carol'), undefined, context([])),
    );
    expect(left.room.revealed).toBe(false);
  });
});
