import { roomSummarySchema } from '@poker/shared';
import { roomAggregate } from './room-aggregate.fixture';
import { buildSnapshot } from './room-snapshot';
import { lastResultOf, listSignature, roomSummaryOf } from './room-summary';

const ONLINE = new Set(['alice', 'bob']);

describe('roomSummaryOf', () => {
  it('counts members and who of them is online, with account IDs only', () => {
    const summary = roomSummaryOf(roomAggregate(), ONLINE);
    expect(roomSummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({
      name: 'Sprint 42',
      issueCount: 3,
      version: 7,
      memberAccountIds: ['alice', 'bob', 'carol'],
      memberCount: 3,
      onlineCount: 2,
    });
  });

  it('carries no card of the round in play', () => {
    const summary = roomSummaryOf(roomAggregate({ votes: [['bob', '13']] }), ONLINE);
    expect(JSON.stringify(summary)).not.toContain('13');
  });
});

describe('listSignature', () => {
  it('stays the same for a vote, and changes with what the list shows', () => {
    const base = listSignature(roomAggregate(), ONLINE);
    expect(listSignature(roomAggregate({ votes: [['bob', '5']] }), ONLINE)).toBe(base);
    expect(listSignature(roomAggregate({ room: { name: 'Renamed' } }), ONLINE)).not.toBe(base);
    expect(listSignature(roomAggregate(), new Set(['alice']))).not.toBe(base);
    expect(listSignature(roomAggregate({ members: [['alice', 'owner']] }), ONLINE)).not.toBe(base);
    const saved = roomAggregate({ issues: [{ issueKey: 'PROJ-1', savedValue: 5 }] });
    const unsaved = roomAggregate({ issues: ['PROJ-1'] });
    expect(listSignature(saved, ONLINE)).not.toBe(listSignature(unsaved, ONLINE));
  });
});

describe('lastResultOf', () => {
  it('has nothing for a round that is not revealed', () => {
    const snapshot = buildSnapshot(roomAggregate({ votes: [['bob', '5']] }), ONLINE);
    expect(lastResultOf(snapshot, 'PROJ-1')).toBeNull();
  });

  it('gives the statistics of the revealed round in play, without cards', () => {
    const aggregate = roomAggregate({
      room: { revealed: true },
      votes: [
        ['alice', '5'],
        ['bob', '5'],
      ],
    });
    const result = lastResultOf(buildSnapshot(aggregate, ONLINE), 'PROJ-1');
    expect(result).toEqual({
      round: 1,
      voteCount: 2,
      average: 5,
      median: 5,
      consensus: true,
      suggested: '5',
    });
    expect(JSON.stringify(result)).not.toContain('alice');
  });

  it('falls back to the newest revealed round of history while a re-vote is hidden', () => {
    const aggregate = roomAggregate({
      room: { round: 2 },
      votes: [
        ['alice', '3', 1],
        ['bob', '8', 1],
        ['bob', '13', 2],
      ],
    });
    const result = lastResultOf(buildSnapshot(aggregate, ONLINE), 'PROJ-1');
    expect(result).toMatchObject({ round: 1, voteCount: 2, consensus: false });
  });

  it('has nothing for an issue that is not in play', () => {
    const aggregate = roomAggregate({ room: { revealed: true }, votes: [['bob', '5']] });
    expect(lastResultOf(buildSnapshot(aggregate, ONLINE), 'PROJ-2')).toBeNull();
  });
});
