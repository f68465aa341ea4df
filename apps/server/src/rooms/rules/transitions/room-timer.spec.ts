import { expectRefused } from '../../testing/expect-refused';
import { actor, context, NOW, roomAggregate } from '../room-aggregate.fixture';
import { ROOM_LIMITS } from '../room-limits';
import { startTimer, stopTimer } from './room-timer';

const TIMER = new Date(NOW.getTime() + 30_000);

describe('startTimer', () => {
  it.each([
    [
      'a voter',
      'bob',
      {},
      'FORBIDDEN',
      'Only the room owner or a co-facilitator can start the timer.',
    ],
    [
      'the owner with no issue in play',
      'alice',
      { room: { currentIssueKey: null, round: 0 } },
      'CONFLICT',
      'Select an issue first',
    ],
    [
      'the owner once revealed',
      'alice',
      { room: { revealed: true } },
      'CONFLICT',
      'The votes are already revealed.',
    ],
  ] as const)('refuses %s', (_case, who, spec, code, message) => {
    expectRefused(
      roomAggregate(spec),
      (aggregate) => startTimer(aggregate, actor(who), {}, context()),
      code,
      message,
    );
  });

  it(`counts down ${ROOM_LIMITS.defaultTimerSeconds} seconds unless told otherwise`, () => {
    const start = (seconds?: number) =>
      startTimer(roomAggregate(), actor('alice'), { seconds }, context()).room;
    const inSeconds = (s: number) => new Date(NOW.getTime() + s * 1000);
    expect(start()).toEqual({ timerEndsAt: inSeconds(ROOM_LIMITS.defaultTimerSeconds) });
    expect(start(90)).toEqual({ timerEndsAt: inSeconds(90) });
  });
});

describe('stopTimer', () => {
  it('refuses anyone but the owner', () => {
    expectRefused(
      roomAggregate({ room: { timerEndsAt: TIMER } }),
      (aggregate) => stopTimer(aggregate, actor('bob'), undefined, context()),
      'FORBIDDEN',
      'Only the room owner or a co-facilitator can stop the timer.',
    );
  });

  it('stops the countdown and leaves the round open', () => {
    const writes = stopTimer(
      roomAggregate({ room: { timerEndsAt: TIMER } }),
      actor('alice'),
      undefined,
      context(),
    );
    expect(writes.room).toEqual({ timerEndsAt: null });
  });

  it('changes nothing when no timer runs', () => {
    expect(stopTimer(roomAggregate(), actor('alice'), undefined, context()).isEmpty).toBe(true);
  });
});

describe('startTimer: the room’s timer length', () => {
  it('runs the room’s length when no seconds are given', () => {
    const aggregate = roomAggregate({ room: { timerSeconds: 90 } });
    const writes = startTimer(aggregate, actor('alice'), {}, context());
    expect(writes.room.timerEndsAt).toEqual(new Date(NOW.getTime() + 90_000));
  });
});
