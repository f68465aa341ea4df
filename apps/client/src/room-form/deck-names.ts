import { deckCards, type DeckKind, type SuggestRule } from '@poker/shared';

/** Each deck as the room forms name it. */
export const DECK_NAMES: Record<DeckKind, string> = {
  fibonacci: 'Fibonacci',
  'modified-fibonacci': 'Modified Fibonacci',
  't-shirt': 'T-shirt sizes',
  'powers-of-two': 'Powers of two',
  time: 'Time (hours and days)',
  custom: 'Custom',
};

/** A deck's cards in one line, for the helper under the deck picker. */
export function deckPreview(kind: DeckKind): string {
  return kind === 'custom' ? 'Your own cards' : deckCards({ kind }).join(' · ');
}

/** Each suggested-value rule as the settings name it (a consensus always wins first). */
export const SUGGEST_RULE_NAMES: Record<SuggestRule, string> = {
  mode: 'Most played card, else the median rounded up',
  median: 'Median, rounded up to a card',
  'average-nearest': 'Average, at the nearest card',
  'average-up': 'Average, rounded up to a card',
  'average-down': 'Average, rounded down to a card',
};
