import { conflict } from '../../../errors/domain.error';
import { agreedIssues } from '../async-agreement';
import { RoomWrites } from '../room-writes';
import type { Transition } from '../transition';
import { requireSavable } from './save-estimate';

/**
 * Records an agreed issue Jira accepted (EstimatesService.acceptAgreed wrote it): its async
 * cards become its next round, revealed (history, like any round played), and the estimate is
 * saved on its row as a consensus in `rounds` rounds. Refused when the cards changed since
 * they were checked, so what the room records is what agreed.
 */
export const acceptAgreedIssue: Transition<{
  issueKey: string;
  card: string;
  value: number;
  rounds: number;
}> = (aggregate, actor, { issueKey, card, value, rounds }, { now }) => {
  requireSavable(aggregate, actor, issueKey);
  const agreed = agreedIssues(aggregate).find((issue) => issue.issueKey === issueKey);
  if (!agreed || agreed.card !== card) {
    throw conflict(`The cards on ${issueKey} changed meanwhile; play it in the live session.`);
  }
  const writes = new RoomWrites().promoteAsync(issueKey).saveEstimate({
    issueKey,
    value,
    at: now,
    byAccountId: actor.accountId,
    rounds,
    consensus: true,
  });
  const { skippedIssueKeys } = aggregate.room;
  if (skippedIssueKeys.includes(issueKey)) {
    writes.setRoom({ skippedIssueKeys: skippedIssueKeys.filter((key) => key !== issueKey) });
  }
  return writes;
};
