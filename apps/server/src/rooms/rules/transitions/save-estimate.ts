import type { EstimateSavePayload } from '@poker/shared';
import { notFound } from '../../../errors/domain.error';
import type { Actor } from '../actor';
import type { IssueRow, RoomAggregate } from '../room-aggregate';
import { asyncVotesOf } from '../async-votes';
import { nextRoundFor, requireFacilitator } from '../room-guards';
import { RoomWrites, type SavedEstimate } from '../room-writes';
import type { Transition } from '../transition';
import { dropUnrevealed } from './drop-unrevealed';

/**
 * FORBIDDEN or NOT_FOUND unless the actor facilitates the room and the issue is in its queue. Checked
 * before Jira is asked anything (a stranger costs no Jira call), and again in the transition.
 */
export function requireSavable(aggregate: RoomAggregate, actor: Actor, issueKey: string): IssueRow {
  requireFacilitator(aggregate, actor, 'save estimates');
  const issue = aggregate.issues.find((i) => i.issueKey === issueKey);
  if (!issue) throw notFound(`Issue ${issueKey} in this room`);
  return issue;
}

/**
 * Records the estimate Jira accepted on the issue's row, with the rounds it took and whether it
 * ended in consensus (estimate-outcome.ts, computed by the caller when it wrote Jira's record). With auto-advance on, saving the issue
 * in play moves the room to the next issue without a saved estimate (after it in the queue
 * first, then from the top), in a fresh round.
 */
export const saveEstimate: Transition<
  Pick<EstimateSavePayload, 'issueKey' | 'value'> & Pick<SavedEstimate, 'rounds' | 'consensus'>
> = (aggregate, actor, { issueKey, value, rounds, consensus }, { now }) => {
  const issue = requireSavable(aggregate, actor, issueKey);
  const writes = new RoomWrites().saveEstimate({
    issueKey,
    value,
    at: now,
    byAccountId: actor.accountId,
    rounds,
    consensus,
  });
  const { room } = aggregate;
  // Estimated now: cards played ahead on it count no more, and nobody will see them.
  if (asyncVotesOf(aggregate).some((vote) => vote.issueKey === issueKey)) {
    writes.dropAsync(issueKey);
  }
  // Estimated now: no longer skipped.
  if (room.skippedIssueKeys.includes(issueKey)) {
    writes.setRoom({ skippedIssueKeys: room.skippedIssueKeys.filter((key) => key !== issueKey) });
  }
  if (!room.autoAdvance || room.currentIssueKey !== issueKey) return writes;
  // Skipped issues wait for a facilitator to take them up again; auto-advance passes them by.
  const saved = new Set(aggregate.issues.filter((i) => i.savedAt).map((i) => i.issueKey));
  room.skippedIssueKeys.forEach((key) => saved.add(key));
  saved.add(issueKey);
  const after = aggregate.issues.filter((i) => i.position > issue.position);
  const next = [...after, ...aggregate.issues].find((i) => !saved.has(i.issueKey));
  if (!next) return writes;
  // The round left behind may still be hidden (saved before anyone revealed): its cards go.
  dropUnrevealed(aggregate, writes);
  return writes.startRound(room, next.issueKey, nextRoundFor(aggregate, next.issueKey));
};
