import { cardValue, isVotingMember } from '@poker/shared';
import { asyncVotesOf } from './async-votes';
import type { RoomAggregate } from './room-aggregate';

/** A queued issue whose async cards agree, and the estimate they agree on. */
export interface AgreedIssue {
  issueKey: string;
  card: string;
  /** The card's number in the room's deck: what goes into Jira. */
  value: number;
  /** Who played it (account order). */
  accountIds: string[];
}

/**
 * The issues "Accept agreed" takes (ARCHITECTURE.md "Async voting"), in queue order. An issue
 * agrees when it is queued, not estimated and not in play, holds at least two async cards,
 * every card is the same card with a numeric value in the room's deck (not `?` or coffee), and
 * every voting member of the room (online or not; the owner only while they vote) played one.
 */
export function agreedIssues(aggregate: RoomAggregate): AgreedIssue[] {
  const { room, members, issues } = aggregate;
  const voters = members.filter((m) => isVotingMember(m.role, room.ownerVotes));
  const byIssue = new Map<string, Map<string, string>>();
  for (const vote of asyncVotesOf(aggregate)) {
    const cards = byIssue.get(vote.issueKey) ?? new Map<string, string>();
    cards.set(vote.accountId, vote.value);
    byIssue.set(vote.issueKey, cards);
  }
  const agreed: AgreedIssue[] = [];
  for (const issue of issues) {
    const cards = byIssue.get(issue.issueKey);
    if (!cards || cards.size < 2) continue;
    if (issue.savedAt !== null || issue.issueKey === room.currentIssueKey) continue;
    const [card] = cards.values();
    if (![...cards.values()].every((played) => played === card)) continue;
    const value = cardValue(room.deck, card);
    if (value === null) continue;
    if (!voters.every((m) => cards.has(m.accountId))) continue;
    agreed.push({ issueKey: issue.issueKey, card, value, accountIds: [...cards.keys()].sort() });
  }
  return agreed;
}
