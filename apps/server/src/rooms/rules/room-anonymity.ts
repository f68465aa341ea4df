import {
  cardValue,
  deckCards,
  type Deck,
  type RevealedVote,
  type Vote,
  type VoteStats,
} from '@poker/shared';
import type { RoomRow } from './room-aggregate';

/**
 * Anonymous reveal (room option). A round is anonymous while the room is, and stays anonymous
 * after the option is switched off when its cards were cast under it (`anonymousThrough`): names
 * never come back for cards played on the promise that nobody would see them.
 */
export function isAnonymousRound(
  room: Pick<RoomRow, 'anonymousReveal' | 'anonymousThrough'>,
  issueKey: string | null,
  round: number,
): boolean {
  if (room.anonymousReveal) return true;
  if (issueKey === null || !Object.hasOwn(room.anonymousThrough, issueKey)) return false;
  return round <= room.anonymousThrough[issueKey];
}

/**
 * The cards without their voters, sorted by value (then deck order; cards without a number
 * last), so the order tells nothing about who joined or voted first.
 */
export function anonymousVotes(deck: Deck, votes: readonly Vote[]): RevealedVote[] {
  const position = new Map(deckCards(deck).map((card, index) => [card, index]));
  const rank = (card: string) => cardValue(deck, card) ?? Infinity;
  return votes
    .map((vote) => vote.value)
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity) ||
        (a < b ? -1 : a > b ? 1 : 0),
    )
    .map((value) => ({ value }));
}

/** The statistics without the outliers' account IDs (everything else names nobody). */
export function anonymousStats(stats: VoteStats): VoteStats {
  return { ...stats, outliers: { lowest: [], highest: [] } };
}

/**
 * `anonymousThrough` when anonymity is switched off: every round that had cards so far keeps
 * its names hidden. `votedRounds` is the newest round with votes per issue (the store's), and
 * the round in play counts whole, as its cards were cast under anonymity.
 */
export function anonymityKeptFor(
  room: RoomRow,
  votedRounds: Readonly<Record<string, number>>,
): Record<string, number> {
  const through: Record<string, number> = { ...room.anonymousThrough };
  const newest = { ...votedRounds };
  if (room.currentIssueKey !== null) {
    newest[room.currentIssueKey] = Math.max(newest[room.currentIssueKey] ?? 0, room.round);
  }
  for (const [issueKey, round] of Object.entries(newest)) {
    through[issueKey] = Math.max(through[issueKey] ?? 0, round);
  }
  return through;
}
