import { cardValue, deckCards, type Deck } from './decks';
import type { Vote, VoteStats } from './snapshot';

interface NumericVote {
  accountId: string;
  value: number;
}

/** Statistics of a revealed round; '?', 'coffee' and other cards without a number only count in the distribution. */
export function computeStats(deck: Deck, votes: readonly Vote[]): VoteStats {
  const distribution = countCards(deck, votes);
  const mode = uniqueMode(distribution);
  const numeric = numericVotes(deck, votes);
  if (numeric.length === 0) {
    return {
      average: null,
      median: null,
      mode,
      min: null,
      max: null,
      consensus: false,
      distribution,
      outliers: { lowest: [], highest: [] },
      suggested: null,
      voteCount: votes.length,
    };
  }
  const values = numeric.map((vote) => vote.value).sort((a, b) => a - b);
  const min = values[0];
  const max = values[values.length - 1];
  const median = medianOf(values);
  const spread = numeric.length >= 2 && min !== max;
  return {
    average: roundTo2(values.reduce((sum, value) => sum + value, 0) / values.length),
    median: roundTo2(median),
    mode,
    min,
    max,
    consensus: min === max,
    distribution,
    outliers: {
      lowest: spread ? accountsWithValue(numeric, min) : [],
      highest: spread ? accountsWithValue(numeric, max) : [],
    },
    suggested:
      mode !== null && cardValue(deck, mode) !== null ? mode : smallestCardAtLeast(deck, median),
    voteCount: votes.length,
  };
}

/** The number written into the Jira estimate field for a card, or null if the card has none. */
export function estimateValueForCard(deck: Deck, card: string): number | null {
  return cardValue(deck, card);
}

// Deck order first; a card no longer in the deck (the deck changed mid-round) goes last.
function countCards(deck: Deck, votes: readonly Vote[]): VoteStats['distribution'] {
  const counts = new Map<string, number>(deckCards(deck).map((card) => [card, 0]));
  for (const vote of votes) {
    counts.set(vote.value, (counts.get(vote.value) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 0).map(([card, count]) => ({ card, count }));
}

function uniqueMode(distribution: VoteStats['distribution']): string | null {
  const highest = Math.max(0, ...distribution.map((entry) => entry.count));
  const leaders = distribution.filter((entry) => entry.count === highest);
  return leaders.length === 1 ? leaders[0].card : null;
}

function numericVotes(deck: Deck, votes: readonly Vote[]): NumericVote[] {
  return votes.flatMap((vote) => {
    const value = cardValue(deck, vote.value);
    return value === null ? [] : [{ accountId: vote.accountId, value }];
  });
}

function medianOf(sortedValues: readonly number[]): number {
  const middle = Math.floor(sortedValues.length / 2);
  if (sortedValues.length % 2 === 1) {
    return sortedValues[middle];
  }
  return (sortedValues[middle - 1] + sortedValues[middle]) / 2;
}

function accountsWithValue(votes: readonly NumericVote[], value: number): string[] {
  return votes.filter((vote) => vote.value === value).map((vote) => vote.accountId);
}

function smallestCardAtLeast(deck: Deck, threshold: number): string | null {
  let best: { card: string; value: number } | null = null;
  for (const card of deckCards(deck)) {
    const value = cardValue(deck, card);
    if (value !== null && value >= threshold && (best === null || value < best.value)) {
      best = { card, value };
    }
  }
  return best?.card ?? null;
}

function roundTo2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}
