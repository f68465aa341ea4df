import { z } from 'zod';
import { deckCards, type Deck } from './decks';

/**
 * How a revealed round's suggested card is chosen. Every rule takes a consensus first (all
 * numeric cards the same); otherwise:
 * - `mode`: the card most played, else the median rounded up to a card (the rule before rules
 *   existed, and still the default);
 * - `median`: the median of the numeric cards, rounded up to a card;
 * - `average-nearest`: the average, at the card nearest to it (a tie goes to the higher card);
 * - `average-up`: the average, at the smallest card at or above it;
 * - `average-down`: the average, at the largest card at or below it (the smallest card when
 *   the average is below every card).
 * Cards without a number ('?', 'coffee') never count.
 */
export const SUGGEST_RULES = [
  'mode',
  'median',
  'average-nearest',
  'average-up',
  'average-down',
] as const;
export type SuggestRule = (typeof SUGGEST_RULES)[number];
export const DEFAULT_SUGGEST_RULE: SuggestRule = 'mode';
export const suggestRuleSchema = z.enum(SUGGEST_RULES, {
  error: `must be one of ${SUGGEST_RULES.join(', ')}`,
});

/** The countdown a timer started without seconds runs, when the room did not choose one. */
export const DEFAULT_TIMER_SECONDS = 60;
export const MIN_TIMER_SECONDS = 5;
export const MAX_TIMER_SECONDS = 3600;
/** A timer length in whole seconds, as `timer:start` and the room option take it. */
export const timerSecondsSchema = z
  .int('must be a whole number of seconds')
  .min(MIN_TIMER_SECONDS, `must be at least ${MIN_TIMER_SECONDS} seconds`)
  .max(MAX_TIMER_SECONDS, `must be at most ${MAX_TIMER_SECONDS} seconds (an hour)`);

/**
 * Whether two decks are the same cards with the same values. Key order does not count: Postgres
 * (jsonb) gives a custom deck's `values` back in its own order.
 */
export function sameDeck(a: Deck, b: Deck): boolean {
  if (a.kind !== b.kind) return false;
  const cards = deckCards(a);
  const other = deckCards(b);
  if (cards.length !== other.length || cards.some((card, index) => card !== other[index])) {
    return false;
  }
  const values = Object.entries(a.values ?? {});
  const otherValues = b.values ?? {};
  return (
    values.length === Object.keys(otherValues).length &&
    values.every(([card, value]) => Object.hasOwn(otherValues, card) && otherValues[card] === value)
  );
}
