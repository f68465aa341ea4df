import { isCardInDeck, type VoteCastPayload } from '@poker/shared';
import { badRequest, forbidden } from '../../../errors/domain.error';
import { ASYNC_ROUND, asyncVotesOf, requireAsyncIssue } from '../async-votes';
import { requireMember } from '../room-guards';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';
import { castVote } from './cast-vote';

/**
 * A voter plays a card on a queued issue ahead of its round (async voting), changes it, or
 * takes it back (null). The card stays hidden from everyone else until the issue's round is
 * revealed; refused while the room is closed for voting ahead, and on an issue that is not in
 * the queue or already estimated.
 */
export const castAsyncVote: Transition<{ issueKey: string; value: string | null }> = (
  aggregate,
  actor,
  { issueKey, value },
) => {
  const member = requireMember(aggregate, actor);
  if (member.role === 'observer')
    throw forbidden('Observers do not vote; join as a voter to vote.');
  if (member.role === 'owner' && !aggregate.room.ownerVotes) {
    throw forbidden('You are facilitating without voting; choose “Vote too” to play a card.');
  }
  requireAsyncIssue(aggregate, issueKey);
  if (value !== null && !isCardInDeck(aggregate.room.deck, value)) {
    throw badRequest(`"${value}" is not a card of this room's deck.`);
  }
  const held = asyncVotesOf(aggregate).find(
    (vote) => vote.issueKey === issueKey && vote.accountId === actor.accountId,
  );
  const writes = new RoomWrites();
  if ((held?.value ?? null) === value) return writes;
  return writes.vote({ issueKey, round: ASYNC_ROUND, accountId: actor.accountId, value });
};

/**
 * `vote:cast` with an `issueKey`: the round in play when it names the issue in play (or none),
 * else an async card on that issue.
 */
export const castVoteOn: Transition<Pick<VoteCastPayload, 'value' | 'issueKey'>> = (
  aggregate,
  actor,
  { value, issueKey },
  context,
) =>
  issueKey === undefined || issueKey === aggregate.room.currentIssueKey
    ? castVote(aggregate, actor, { value }, context)
    : castAsyncVote(aggregate, actor, { issueKey, value }, context);
