import type { Deck } from './decks';
import { SUGGEST_RULES, type SuggestRule } from './room-options';
import { computeStats } from './statistics';

const fibonacci: Deck = { kind: 'fibonacci' };
const tShirt: Deck = { kind: 'custom', cards: ['S', 'M', 'L', '?'], values: { S: 1, M: 3, L: 5 } };
const coffee: Deck = { kind: 'modified-fibonacci' };

/** Votes in the order given, by accounts a, b, c, ... */
function votes(...values: string[]) {
  return values.map((value, index) => ({ accountId: String.fromCharCode(97 + index), value }));
}

const suggested = (deck: Deck, rule: SuggestRule, ...values: string[]) =>
  computeStats(deck, votes(...values), rule).suggested;

describe('the suggested value by the room’s rule', () => {
  it('takes a consensus first under every rule, ignoring ? and coffee', () => {
    for (const rule of SUGGEST_RULES) {
      expect(suggested(fibonacci, rule, '8', '8', '?')).toBe('8');
      expect(suggested(coffee, rule, '5', 'coffee', 'coffee', '5')).toBe('5');
      expect(suggested(tShirt, rule, 'M', '?', 'M')).toBe('M');
    }
  });

  it('gives nothing when no card has a number', () => {
    for (const rule of SUGGEST_RULES) {
      expect(suggested(fibonacci, rule, '?', '?')).toBeNull();
      expect(suggested(coffee, rule, 'coffee')).toBeNull();
    }
  });

  it('keeps the most played card by default (the rule before rules existed)', () => {
    expect(suggested(fibonacci, 'mode', '3', '5', '5', '13')).toBe('5');
    // No single most played card: the median (4) rounded up to a card.
    expect(suggested(fibonacci, 'mode', '3', '5')).toBe('5');
  });

  it('rounds the median up to a card', () => {
    // Median of 1, 2, 8, 13 is 5.
    expect(suggested(fibonacci, 'median', '1', '2', '8', '13')).toBe('5');
    // Median 4 of 3 and 5: up to 5, though 3 was played as often.
    expect(suggested(fibonacci, 'median', '3', '5')).toBe('5');
  });

  it('takes the average at the nearest card, the higher one on a tie', () => {
    // Average 6.33: nearer to 5 than to 8.
    expect(suggested(fibonacci, 'average-nearest', '3', '8', '8')).toBe('5');
    // Average 4: as near to 3 as to 5, so 5.
    expect(suggested(fibonacci, 'average-nearest', '3', '5')).toBe('5');
  });

  it('rounds the average up or down to a card', () => {
    // Average of 1, 2, 13 is 5.33.
    expect(suggested(fibonacci, 'average-up', '1', '2', '13')).toBe('8');
    expect(suggested(fibonacci, 'average-down', '1', '2', '13')).toBe('5');
    // Exactly on a card: that card both ways.
    expect(suggested(fibonacci, 'average-up', '3', '13')).toBe('8');
    expect(suggested(fibonacci, 'average-down', '3', '13')).toBe('8');
  });

  it('works with T-shirt cards worth S=1, M=3, L=5', () => {
    const stats = computeStats(tShirt, votes('S', 'L', 'L', '?'), 'average-nearest');
    expect(stats).toMatchObject({ average: 3.67, median: 5, min: 1, max: 5, consensus: false });
    expect(stats.suggested).toBe('M');
    expect(suggested(tShirt, 'average-up', 'S', 'L', 'L')).toBe('L');
    expect(suggested(tShirt, 'average-down', 'S', 'L', 'L')).toBe('M');
    expect(suggested(tShirt, 'median', 'S', 'M')).toBe('M');
    expect(suggested(tShirt, 'mode', 'S', 'L', 'L')).toBe('L');
  });

  it('uses ½ in the modified Fibonacci deck', () => {
    expect(suggested(coffee, 'average-down', '½', '1', 'coffee')).toBe('½');
    expect(suggested(coffee, 'average-up', '½', '1', 'coffee')).toBe('1');
  });
});
