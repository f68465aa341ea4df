import { cardValue, deckCards, type Deck } from './decks';
import { DEFAULT_SUGGEST_RULE, type SuggestRule } from './room-options';
import type { Vote, VoteStats } from './snapshot';

interface NumericVote {
  accountId: string;
  value: number;
}

/**
 * Statistics of a revealed round; '?', 'coffee' and other cards without a number only count in
 * the distribution. `rule` picks the suggested card (room-options.ts).
 */
export function computeStats(
  deck: Deck,
  votes: readonly Vote[],
  rule: SuggestRule = DEFAULT_SUGGEST_RULE,
): VoteStats {
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
  const average = values.reduce((sum, value) => sum + value, 0) / values.length;
  const spread = numeric.length >= 2 && min !== max;
  return {
    average: roundTo2(average),
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
    suggested: suggestedCard(deck, rule, { mode, min, max, median, average }),
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

interface Centre {
  mode: string | null;
  min: number;
  max: number;
  median: number;
  average: number;
}

/** The suggested card by the room's rule; a consensus wins under every rule. */
function suggestedCard(deck: Deck, rule: SuggestRule, centre: Centre): string | null {
  if (centre.min === centre.max) return nearestCard(deck, centre.min);
  switch (rule) {
    case 'mode':
      return centre.mode !== null && cardValue(deck, centre.mode) !== null
        ? centre.mode
        : smallestCardAtLeast(deck, centre.median);
    case 'median':
      return smallestCardAtLeast(deck, centre.median);
    case 'average-nearest':
      return nearestCard(deck, centre.average);
    case 'average-up':
      return smallestCardAtLeast(deck, centre.average);
    case 'average-down':
      return largestCardAtMost(deck, centre.average) ?? nearestCard(deck, centre.average);
  }
}

function numericCards(deck: Deck): { card: string; value: number }[] {
  return deckCards(deck).flatMap((card) => {
    const value = cardValue(deck, card);
    return value === null ? [] : [{ card, value }];
  });
}

/** The card whose value is nearest to `target`; of two equally near, the higher one. */
function nearestCard(deck: Deck, target: number): string | null {
  let best: { card: string; value: number } | null = null;
  for (const entry of numericCards(deck)) {
    const distance = Math.abs(entry.value - target);
    const bestDistance = best === null ? Infinity : Math.abs(best.value - target);
    if (
      distance < bestDistance ||
      (distance === bestDistance && best && entry.value > best.value)
    ) {
      best = entry;
    }
  }
  return best?.card ?? null;
}

function largestCardAtMost(deck: Deck, threshold: number): string | null {
  let best: { card: string; value: number } | null = null;
  for (const entry of numericCards(deck)) {
    if (entry.value <= threshold + 1e-9 && (best === null || entry.value > best.value)) {
      best = entry;
    }
  }
  return best?.card ?? null;
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
