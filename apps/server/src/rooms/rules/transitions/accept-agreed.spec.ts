import { expectRefused } from '../../testing/expect-refused';
import { agreedIssues } from '../async-agreement';
import { ASYNC_ROUND, asyncVotesOf } from '../async-votes';
import type { RoomAggregate, VoteRow } from '../room-aggregate';
import {
  actor,
  context,
  NOW,
  roomAggregate,
  ROOM_ID,
  type AggregateSpec,
} from '../room-aggregate.fixture';
import { applyWrites } from '../room-writes';
import { acceptAgreedIssue } from './accept-agreed';

const card = (accountId: string, issueKey: string, value: string): VoteRow => ({
  roomId: ROOM_ID,
  issueKey,
  round: ASYNC_ROUND,
  accountId,
  value,
});
const withAsync = (spec: AggregateSpec, ...cards: VoteRow[]): RoomAggregate => ({
  ...roomAggregate({ ...spec, room: { asyncVoting: true, ...spec.room } }),
  asyncVotes: cards,
});
/** Everyone who votes (alice, bob, carol) played `value` on `issueKey`. */
const everyone = (issueKey: string, value: string) =>
  ['alice', 'bob', 'carol'].map((who) => card(who, issueKey, value));

describe('agreedIssues', () => {
  it('takes an issue every voter played the same numeric card on', () => {
    expect(agreedIssues(withAsync({}, ...everyone('PROJ-2', '5')))).toEqual([
      { issueKey: 'PROJ-2', card: '5', value: 5, accountIds: ['alice', 'bob', 'carol'] },
    ]);
  });

  it.each<[string, RoomAggregate]>([
    [
      'a voter still missing',
      withAsync({}, card('bob', 'PROJ-2', '5'), card('carol', 'PROJ-2', '5')),
    ],
    [
      'two different cards',
      withAsync({}, ...everyone('PROJ-2', '5').slice(1), card('alice', 'PROJ-2', '8')),
    ],
    ['a card without a number', withAsync({}, ...everyone('PROJ-2', '?'))],
    [
      'a single card',
      withAsync(
        {
          members: [
            ['alice', 'owner'],
            ['bob', 'voter'],
          ],
          room: { ownerVotes: false },
        },
        card('bob', 'PROJ-2', '5'),
      ),
    ],
    [
      'an estimated issue',
      withAsync(
        { issues: ['PROJ-1', { issueKey: 'PROJ-2', savedValue: 3, savedAt: NOW }] },
        ...everyone('PROJ-2', '5'),
      ),
    ],
  ])('leaves out an issue with %s', (_case, aggregate) => {
    expect(agreedIssues(aggregate)).toEqual([]);
  });

  it('does not wait for an owner who does not vote', () => {
    const aggregate = withAsync(
      { room: { ownerVotes: false } },
      ...everyone('PROJ-3', '8').slice(1),
    );
    expect(agreedIssues(aggregate).map((issue) => issue.issueKey)).toEqual(['PROJ-3']);
  });
});

describe('acceptAgreedIssue', () => {
  it('turns the cards into a revealed round and records the consensus', () => {
    const aggregate = withAsync({}, ...everyone('PROJ-2', '5'), card('bob', 'PROJ-3', '1'));
    const writes = acceptAgreedIssue(
      aggregate,
      actor('alice'),
      { issueKey: 'PROJ-2', card: '5', value: 5, rounds: 1 },
      context(),
    );
    expect(writes.promotedAsync).toBe('PROJ-2');
    expect(writes.savedEstimate).toEqual({
      issueKey: 'PROJ-2',
      value: 5,
      at: NOW,
      byAccountId: 'alice',
      rounds: 1,
      consensus: true,
    });
    const after = applyWrites(aggregate, writes);
    expect(asyncVotesOf(after).map((v) => v.issueKey)).toEqual(['PROJ-3']);
    expect(after.issues.find((i) => i.issueKey === 'PROJ-2')?.savedValue).toBe(5);
  });

  it('refuses when the cards changed since the check', () => {
    expectRefused(
      withAsync({}, ...everyone('PROJ-2', '8')),
      (aggregate) =>
        acceptAgreedIssue(
          aggregate,
          actor('alice'),
          { issueKey: 'PROJ-2', card: '5', value: 5, rounds: 1 },
          context(),
        ),
      'CONFLICT',
      'changed meanwhile',
    );
  });

  it('refuses a voter', () => {
    expectRefused(
      withAsync({}, ...everyone('PROJ-2', '5')),
      (aggregate) =>
        acceptAgreedIssue(
          aggregate,
          actor('bob'),
          { issueKey: 'PROJ-2', card: '5', value: 5, rounds: 1 },
          context(),
        ),
      'FORBIDDEN',
      'save estimates',
    );
  });
});
