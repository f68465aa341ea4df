import { ASYNC_ROUND, asyncVoted, asyncVotesOf } from './async-votes';
import type { RoomAggregate, VoteRow } from './room-aggregate';
import { actor, context, roomAggregate, ROOM_ID } from './room-aggregate.fixture';
import { applyWrites, RoomWrites } from './room-writes';
import { castVote } from './transitions/cast-vote';
import { selectIssue } from './transitions/select-issue';
import { updateSettings } from './transitions/update-settings';
import { leaveRoom } from './transitions/leave-room';

const card = (accountId: string, issueKey: string, value: string): VoteRow => ({
  roomId: ROOM_ID,
  issueKey,
  round: ASYNC_ROUND,
  accountId,
  value,
});
const room = (...cards: VoteRow[]): RoomAggregate => ({
  ...roomAggregate({ room: { asyncVoting: true } }),
  asyncVotes: cards,
});

describe('async cards through other changes', () => {
  it('an ordinary vote hands the same async rows on (nothing recomputed)', () => {
    const aggregate = room(card('bob', 'PROJ-2', '5'));
    const after = applyWrites(
      aggregate,
      castVote(aggregate, actor('bob'), { value: '3' }, context()),
    );
    expect(after.asyncVotes).toBe(aggregate.asyncVotes);
    expect(asyncVoted(after)).toBe(asyncVoted(aggregate));
  });

  it('selecting the issue makes its cards the hidden cards of its round', () => {
    const aggregate = room(card('bob', 'PROJ-2', '5'), card('carol', 'PROJ-3', '8'));
    const writes = selectIssue(aggregate, actor('alice'), { issueKey: 'PROJ-2' }, context());
    const after = applyWrites(aggregate, writes);
    expect(after.room.revealed).toBe(false);
    expect(after.votes).toEqual([{ ...card('bob', 'PROJ-2', '5'), round: after.room.round }]);
    expect(asyncVotesOf(after).map((v) => v.issueKey)).toEqual(['PROJ-3']);
  });

  it('auto-reveal fires on selection when every online voter already played ahead', () => {
    const aggregate = room(card('alice', 'PROJ-2', '5'), card('bob', 'PROJ-2', '5'));
    aggregate.room.autoReveal = true;
    const writes = selectIssue(
      aggregate,
      actor('alice'),
      { issueKey: 'PROJ-2' },
      context(['alice', 'bob']),
    );
    expect(writes.room.revealed).toBe(true);
  });

  it('a new deck drops every async card; a member leaving drops theirs', () => {
    const aggregate = room(card('bob', 'PROJ-2', '5'), card('carol', 'PROJ-3', '8'));
    const deck = updateSettings(
      aggregate,
      actor('alice'),
      { deck: { kind: 't-shirt' } },
      context(),
    );
    expect(deck.droppedAsync).toEqual({ issueKey: null });
    expect(applyWrites(aggregate, deck).asyncVotes).toBeUndefined();
    const left = applyWrites(aggregate, leaveRoom(aggregate, actor('bob'), undefined, context()));
    expect(asyncVotesOf(left).map((v) => v.accountId)).toEqual(['carol']);
  });

  it('removing an issue or erasing an account takes their async cards', () => {
    const aggregate = room(card('bob', 'PROJ-2', '5'), card('carol', 'PROJ-3', '8'));
    const removed = applyWrites(aggregate, new RoomWrites().removeIssues(['PROJ-2']));
    expect(asyncVotesOf(removed).map((v) => v.issueKey)).toEqual(['PROJ-3']);
    const erased = applyWrites(aggregate, new RoomWrites().eraseAccount('carol'));
    expect(asyncVotesOf(erased).map((v) => v.accountId)).toEqual(['bob']);
  });
});
