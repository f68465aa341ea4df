import type { ErrorCode } from '@poker/shared';
import { expectRefused } from '../../testing/expect-refused';
import { actor, context, roomAggregate, type AggregateSpec } from '../room-aggregate.fixture';
import { buildSnapshot, myVotes } from '../room-snapshot';
import { applyWrites } from '../room-writes';
import { castVote } from './cast-vote';

const vote = (spec: AggregateSpec, who: string, value: string | null, online?: string[]) => {
  const aggregate = roomAggregate(spec);
  const writes = castVote(aggregate, actor(who), { value }, context(online));
  return { aggregate, writes, after: applyWrites(aggregate, writes) };
};

describe('castVote', () => {
  it('plays a card of the deck in the round in play, hidden from everyone but its owner', () => {
    const { writes, after } = vote({}, 'bob', '5');
    expect(writes.votes).toEqual([{ issueKey: 'PROJ-1', round: 1, accountId: 'bob', value: '5' }]);
    expect(writes.room).toEqual({});
    const snapshot = buildSnapshot(after, new Set(['alice', 'bob', 'carol']));
    expect(snapshot.votes).toBeNull();
    expect(snapshot.stats).toBeNull();
    expect(snapshot.members.find((m) => m.accountId === 'bob')?.hasVoted).toBe(true);
    expect(myVotes(after).get('bob')).toBe('5');
  });

  it('replaces the card the voter played before', () => {
    const { after } = vote({ votes: [['bob', '3']] }, 'bob', '8');
    expect(after.votes.map((v) => [v.accountId, v.value])).toEqual([['bob', '8']]);
  });

  it('takes a card back with null', () => {
    const { writes, after } = vote({ votes: [['bob', '3']] }, 'bob', null);
    expect(writes.votes).toEqual([{ issueKey: 'PROJ-1', round: 1, accountId: 'bob', value: null }]);
    expect(after.votes).toEqual([]);
    expect(buildSnapshot(after, new Set()).members.some((m) => m.hasVoted)).toBe(false);
  });

  it("plays the cards of the room's own deck", () => {
    const tShirt = { room: { deck: { kind: 't-shirt' as const } } };
    expect(vote(tShirt, 'bob', 'XL').writes.votes[0].value).toBe('XL');
    expectRefused(
      roomAggregate(),
      (aggregate) => castVote(aggregate, actor('bob'), { value: 'XL' }, context()),
      'BAD_REQUEST',
      '"XL" is not a card of this room\'s deck.',
    );
  });

  it.each<[string, AggregateSpec, string, ErrorCode, string]>([
    ['a stranger', {}, 'mallory', 'FORBIDDEN', 'Join the room first'],
    [
      'an observer',
      {
        members: [
          ['alice', 'owner'],
          ['olga', 'observer'],
        ],
      },
      'olga',
      'FORBIDDEN',
      'Observers do not vote',
    ],
    [
      'anyone while no issue is in play',
      { room: { currentIssueKey: null, round: 0 } },
      'bob',
      'CONFLICT',
      'Select an issue first',
    ],
    [
      'anyone once the round is revealed',
      { room: { revealed: true } },
      'bob',
      'CONFLICT',
      'already revealed',
    ],
  ])('refuses %s', (_who, spec, who, code, message) => {
    expectRefused(
      roomAggregate(spec),
      (aggregate) => castVote(aggregate, actor(who), { value: '3' }, context()),
      code,
      message,
    );
  });

  it('refuses even taking a card back once the round is revealed', () => {
    expectRefused(
      roomAggregate({ room: { revealed: true }, votes: [['bob', '3']] }),
      (aggregate) => castVote(aggregate, actor('bob'), { value: null }, context()),
      'CONFLICT',
      'already revealed',
    );
  });

  describe('with auto-reveal on', () => {
    const room = { autoReveal: true, timerEndsAt: new Date('2026-11-30T12:01:00Z') };

    it('reveals with the last online voter’s card and stops the timer', () => {
      const { writes, after } = vote(
        {
          room,
          votes: [
            ['alice', '3'],
            ['carol', '5'],
          ],
        },
        'bob',
        '8',
      );
      expect(writes.room).toEqual({ revealed: true, timerEndsAt: null });
      expect(buildSnapshot(after, new Set()).votes?.map((v) => v.value)).toEqual(['3', '8', '5']);
    });

    it('waits while an online voter (the owner too) has no card', () => {
      expect(vote({ room, votes: [['carol', '5']] }, 'bob', '8').writes.room).toEqual({});
    });

    it('does not wait for observers or members who are offline', () => {
      const members: AggregateSpec['members'] = [
        ['alice', 'owner'],
        ['bob', 'voter'],
        ['carol', 'voter'],
        ['olga', 'observer'],
      ];
      const online = ['alice', 'bob', 'olga'];
      const { writes } = vote({ room, members, votes: [['alice', '3']] }, 'bob', '8', online);
      expect(writes.room).toEqual({ revealed: true, timerEndsAt: null });
    });

    it('counts only cards of the round in play', () => {
      const votes: AggregateSpec['votes'] = [
        ['alice', '3', 2],
        ['carol', '5', 1],
      ];
      const { writes } = vote({ room: { ...room, round: 2 }, votes }, 'bob', '8');
      expect(writes.room).toEqual({});
    });

    it('never reveals when a card is taken back', () => {
      const votes: AggregateSpec['votes'] = [
        ['alice', '3'],
        ['bob', '1'],
        ['carol', '5'],
      ];
      expect(vote({ room, votes }, 'bob', null).writes.room).toEqual({});
    });
  });

  it('does not reveal with auto-reveal off, even when everyone voted', () => {
    const { writes } = vote(
      {
        votes: [
          ['alice', '3'],
          ['carol', '5'],
        ],
      },
      'bob',
      '8',
    );
    expect(writes.room).toEqual({});
  });
});
