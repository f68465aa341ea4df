import { expectRefused } from '../../testing/expect-refused';
import { ASYNC_ROUND, asyncVoted, myAsyncCards } from '../async-votes';
import type { RoomAggregate, VoteRow } from '../room-aggregate';
import {
  actor,
  context,
  roomAggregate,
  ROOM_ID,
  type AggregateSpec,
} from '../room-aggregate.fixture';
import { buildSnapshot, myVotes } from '../room-snapshot';
import { applyWrites } from '../room-writes';
import { castAsyncVote, castVoteOn } from './cast-async-vote';

const open = { room: { asyncVoting: true } };
const card = (accountId: string, issueKey: string, value: string): VoteRow => ({
  roomId: ROOM_ID,
  issueKey,
  round: ASYNC_ROUND,
  accountId,
  value,
});
const withAsync = (spec: AggregateSpec, ...cards: VoteRow[]): RoomAggregate => ({
  ...roomAggregate(spec),
  asyncVotes: cards,
});

describe('castAsyncVote', () => {
  it('plays a hidden card on another queued issue, seen only by its owner', () => {
    const aggregate = roomAggregate(open);
    const writes = castAsyncVote(
      aggregate,
      actor('bob'),
      { issueKey: 'PROJ-2', value: '5' },
      context(),
    );
    expect(writes.votes).toEqual([
      { issueKey: 'PROJ-2', round: ASYNC_ROUND, accountId: 'bob', value: '5' },
    ]);
    const after = applyWrites(aggregate, writes);
    // Not a card of the round in play.
    expect(after.votes).toEqual([]);
    expect(myVotes(after).size).toBe(0);
    const snapshot = buildSnapshot(after, new Set());
    expect(snapshot.asyncVoted).toEqual({ 'PROJ-2': ['bob'] });
    expect(JSON.stringify(snapshot)).not.toContain('"5"');
    expect(myAsyncCards(after).get('bob')).toEqual({ 'PROJ-2': '5' });
    expect(myAsyncCards(after).get('carol')).toBeUndefined();
  });

  it('changes and withdraws a card; the same card again changes nothing', () => {
    const aggregate = withAsync(open, card('bob', 'PROJ-2', '5'), card('carol', 'PROJ-2', '3'));
    const changed = applyWrites(
      aggregate,
      castAsyncVote(aggregate, actor('bob'), { issueKey: 'PROJ-2', value: '8' }, context()),
    );
    expect(myAsyncCards(changed).get('bob')).toEqual({ 'PROJ-2': '8' });
    const withdrawn = applyWrites(
      aggregate,
      castAsyncVote(aggregate, actor('bob'), { issueKey: 'PROJ-2', value: null }, context()),
    );
    expect(asyncVoted(withdrawn)).toEqual({ 'PROJ-2': ['carol'] });
    const same = castAsyncVote(
      aggregate,
      actor('bob'),
      { issueKey: 'PROJ-2', value: '5' },
      context(),
    );
    expect(same.isEmpty).toBe(true);
  });

  it.each<[string, AggregateSpec, string, string, string, string]>([
    ['a closed room', {}, 'bob', 'PROJ-2', 'CONFLICT', 'not open for voting ahead'],
    ['an issue not in the queue', open, 'bob', 'PROJ-9', 'NOT_FOUND', 'PROJ-9'],
    [
      'an estimated issue',
      {
        room: { asyncVoting: true },
        issues: ['PROJ-1', { issueKey: 'PROJ-2', savedValue: 5, savedAt: new Date() }],
      },
      'bob',
      'PROJ-2',
      'CONFLICT',
      'already estimated',
    ],
    ['a stranger', open, 'mallory', 'PROJ-2', 'FORBIDDEN', 'Join the room first'],
    [
      'an observer',
      {
        ...open,
        members: [
          ['alice', 'owner'],
          ['olga', 'observer'],
        ],
      },
      'olga',
      'PROJ-2',
      'FORBIDDEN',
      'Observers do not vote',
    ],
  ])('refuses %s', (_case, spec, who, issueKey, code, message) => {
    expectRefused(
      roomAggregate(spec),
      (aggregate) => castAsyncVote(aggregate, actor(who), { issueKey, value: '5' }, context()),
      code as 'CONFLICT',
      message,
    );
  });

  it('refuses a card that is not in the deck', () => {
    expectRefused(
      roomAggregate(open),
      (aggregate) =>
        castAsyncVote(aggregate, actor('bob'), { issueKey: 'PROJ-2', value: 'XL' }, context()),
      'BAD_REQUEST',
      'not a card',
    );
  });
});

describe('castVoteOn', () => {
  it('takes the round in play when the key names the issue in play', () => {
    const writes = castVoteOn(
      roomAggregate(),
      actor('bob'),
      { issueKey: 'PROJ-1', value: '5' },
      context(),
    );
    expect(writes.votes).toEqual([{ issueKey: 'PROJ-1', round: 1, accountId: 'bob', value: '5' }]);
  });

  it('plays ahead on another issue', () => {
    const writes = castVoteOn(
      roomAggregate(open),
      actor('bob'),
      { issueKey: 'PROJ-3', value: '5' },
      context(),
    );
    expect(writes.votes[0]).toMatchObject({ issueKey: 'PROJ-3', round: ASYNC_ROUND });
  });
});
