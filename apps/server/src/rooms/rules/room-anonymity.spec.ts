import { roomSnapshotSchema, voterOf, type RoomSnapshot } from '@poker/shared';
import { context, roomAggregate, type AggregateSpec } from './room-aggregate.fixture';
import { anonymityKeptFor, isAnonymousRound } from './room-anonymity';
import { estimateOutcome, estimateRecord } from './estimate-outcome';
import { buildSnapshot } from './room-snapshot';

const everyone = context().online;
const snapshotOf = (spec: AggregateSpec) => buildSnapshot(roomAggregate(spec), everyone);

/** Every account ID anywhere in what the snapshot says about cards. */
function namesInCards(snapshot: RoomSnapshot): (string | null)[] {
  const rounds = [{ votes: snapshot.votes ?? [], stats: snapshot.stats }, ...snapshot.history];
  return rounds.flatMap(({ votes, stats }) => [
    ...votes.map(voterOf).filter((id) => id !== null),
    ...(stats ? [...stats.outliers.lowest, ...stats.outliers.highest] : []),
  ]);
}

const revealedRoom: AggregateSpec = {
  room: { round: 2, revealed: true, anonymousReveal: true },
  votes: [
    ['alice', '8'],
    ['bob', '2'],
    ['carol', '13'],
    ['alice', '5', 1],
    ['bob', '3', 1],
  ],
};

describe('anonymous reveal in the snapshot', () => {
  it('names nobody in revealed votes, history or outliers, and still shows who voted', () => {
    const snapshot = snapshotOf(revealedRoom);
    expect(roomSnapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(namesInCards(snapshot)).toEqual([]);
    expect(JSON.stringify([snapshot.votes, snapshot.stats, snapshot.history])).not.toMatch(
      /alice|bob|carol/,
    );
    expect(snapshot.members.every((member) => member.hasVoted)).toBe(true);
    expect(snapshot.anonymousReveal).toBe(true);
  });

  it('sorts the cards by value, not by who joined or voted first', () => {
    const snapshot = snapshotOf(revealedRoom);
    expect(snapshot.votes).toEqual([{ value: '2' }, { value: '8' }, { value: '13' }]);
    expect(snapshot.history[0]?.votes).toEqual([{ value: '3' }, { value: '5' }]);
  });

  it('keeps the statistics, with the suggestion by the room’s rule', () => {
    const snapshot = snapshotOf({
      ...revealedRoom,
      room: { ...revealedRoom.room, suggestRule: 'average-down' },
    });
    // Average of 8, 2 and 13 is 7.67: down to 5.
    expect(snapshot.stats).toMatchObject({ average: 7.67, suggested: '5', voteCount: 3 });
    expect(snapshot.suggestRule).toBe('average-down');
  });

  it('names the voters in a room that does not reveal anonymously', () => {
    const snapshot = snapshotOf({ ...revealedRoom, room: { round: 2, revealed: true } });
    expect(namesInCards(snapshot)).toContain('alice');
  });

  it('recomputes the history when the option changes in the same round', () => {
    const aggregate = roomAggregate({ ...revealedRoom, room: { round: 2, revealed: true } });
    expect(voterOf(buildSnapshot(aggregate, everyone).history[0].votes[0])).not.toBeNull();
    aggregate.room = { ...aggregate.room, anonymousReveal: true };
    expect(namesInCards(buildSnapshot(aggregate, everyone))).toEqual([]);
  });
});

describe('switching anonymity off', () => {
  it('keeps every round that had cards anonymous: the store’s and the one in play', () => {
    const { room } = roomAggregate({ room: { round: 3, anonymousReveal: true } });
    const through = anonymityKeptFor(room, { 'PROJ-1': 2, 'PROJ-2': 4 });
    expect(through).toEqual({ 'PROJ-1': 3, 'PROJ-2': 4 });
    const after = { anonymousReveal: false, anonymousThrough: through };
    expect(isAnonymousRound(after, 'PROJ-1', 3)).toBe(true);
    expect(isAnonymousRound(after, 'PROJ-1', 4)).toBe(false);
    expect(isAnonymousRound(after, 'PROJ-2', 4)).toBe(true);
    expect(isAnonymousRound(after, 'PROJ-3', 1)).toBe(false);
  });

  it('shows the revealed round still without names, and names the next one', () => {
    const hidden = snapshotOf({
      ...revealedRoom,
      room: { round: 2, revealed: true, anonymousThrough: { 'PROJ-1': 2 } },
    });
    expect(namesInCards(hidden)).toEqual([]);
    const next = snapshotOf({
      room: { round: 3, revealed: true, anonymousThrough: { 'PROJ-1': 2 } },
      votes: [['bob', '5']],
    });
    expect(next.votes).toEqual([{ accountId: 'bob', value: '5' }]);
  });
});

describe('the planningPoker record of an anonymous round', () => {
  it('has no votes and no account IDs', () => {
    const aggregate = roomAggregate(revealedRoom);
    const outcome = estimateOutcome(aggregate, 'PROJ-1');
    const record = estimateRecord(outcome, {
      value: 8,
      display: '8',
      fieldId: 'customfield_10016',
      at: new Date('2026-11-30T12:00:00Z'),
    });
    expect(record.votes).toBeUndefined();
    expect(record).toMatchObject({ voters: 3, rounds: 2, consensus: false });
    expect(JSON.stringify(record)).not.toMatch(/alice|bob|carol/);
  });

  it('names the voters of a room that reveals openly', () => {
    const aggregate = roomAggregate({ ...revealedRoom, room: { round: 2, revealed: true } });
    expect(estimateOutcome(aggregate, 'PROJ-1').votes).toHaveLength(3);
  });
});

describe('history after a deck change', () => {
  it('keeps the numbers of an earlier round played on the deck replaced since', () => {
    const snapshot = snapshotOf({
      room: {
        round: 2,
        deck: { kind: 'custom', cards: ['S', 'M', 'L'], values: { S: 1, M: 3, L: 5 } },
      },
      votes: [
        ['alice', '5', 1],
        ['bob', '8', 1],
      ],
    });
    expect(snapshot.history[0]?.stats).toMatchObject({ average: 6.5, min: 5, max: 8 });
  });
});
