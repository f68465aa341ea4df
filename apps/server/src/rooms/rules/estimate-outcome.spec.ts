import { estimateOutcome, estimateRecord } from './estimate-outcome';
import { NOW, roomAggregate, ROOM_ID } from './room-aggregate.fixture';

describe('estimateOutcome', () => {
  it('counts the rounds of the issue in play and reads its final revealed round', () => {
    const aggregate = roomAggregate({
      room: { round: 3, revealed: true },
      votes: [
        ['alice', '3', 2],
        ['bob', '8', 2],
        ['alice', '5', 3],
        ['bob', '5', 3],
        ['carol', '5', 3],
      ],
    });
    expect(estimateOutcome(aggregate, 'PROJ-1')).toEqual({
      rounds: 3,
      consensus: true,
      voters: 3,
      distribution: [{ card: '5', count: 3 }],
      votes: [
        { accountId: 'alice', card: '5' },
        { accountId: 'bob', card: '5' },
        { accountId: 'carol', card: '5' },
      ],
      anonymous: false,
    });
  });

  it('never records the cards of a round still hidden: the last revealed one counts', () => {
    const aggregate = roomAggregate({
      room: { round: 2, revealed: false },
      votes: [
        ['alice', '3', 1],
        ['bob', '8', 1],
        ['alice', '13', 2],
      ],
    });
    const outcome = estimateOutcome(aggregate, 'PROJ-1');
    expect(outcome).toMatchObject({ rounds: 2, consensus: false, voters: 2 });
    expect(outcome.votes.map((vote) => vote.card)).toEqual(['3', '8']);
  });

  it('takes the stored votes of an issue no longer in play', () => {
    const aggregate = roomAggregate({ room: { round: 1 } });
    const stored = [4, 4, 5].map((round, index) => ({
      roomId: ROOM_ID,
      issueKey: 'PROJ-2',
      round,
      accountId: ['alice', 'bob', 'alice'][index],
      value: ['5', '8', '8'][index],
    }));
    expect(estimateOutcome(aggregate, 'PROJ-2', stored)).toMatchObject({
      rounds: 5,
      voters: 1,
      consensus: true,
      votes: [{ accountId: 'alice', card: '8' }],
    });
  });

  it('records one round, nobody and no consensus for an issue saved without a vote', () => {
    expect(estimateOutcome(roomAggregate(), 'PROJ-3')).toEqual({
      rounds: 1,
      consensus: false,
      voters: 0,
      distribution: [],
      votes: [],
      anonymous: false,
    });
  });

  it('builds the record Jira keeps, with the value as written', () => {
    const outcome = estimateOutcome(roomAggregate(), 'PROJ-3');
    const record = estimateRecord(outcome, {
      value: 12,
      display: '1d 4h',
      fieldId: 'timetracking',
      at: NOW,
    });
    expect(record).toEqual({
      version: 1,
      value: 12,
      display: '1d 4h',
      fieldId: 'timetracking',
      consensus: false,
      voters: 0,
      rounds: 1,
      distribution: [],
      votes: [],
      savedAt: NOW.toISOString(),
    });
  });
});
