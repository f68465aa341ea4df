import type { Deck } from './decks';
import { voteStatsSchema } from './snapshot';
import { computeStats, estimateValueForCard } from './statistics';

const fibonacci: Deck = { kind: 'fibonacci' };

/** Votes in the order given, by accounts a, b, c, ... */
function votes(...values: string[]) {
  return values.map((value, index) => ({ accountId: String.fromCharCode(97 + index), value }));
}

describe('computeStats', () => {
  it('gives all nulls and no consensus for an empty round', () => {
    expect(computeStats(fibonacci, [])).toEqual({
      average: null,
      median: null,
      mode: null,
      min: null,
      max: null,
      consensus: false,
      distribution: [],
      outliers: { lowest: [], highest: [] },
      suggested: null,
      voteCount: 0,
    });
  });

  it('treats a single voter as consensus on their card', () => {
    expect(computeStats(fibonacci, votes('5'))).toEqual({
      average: 5,
      median: 5,
      mode: '5',
      min: 5,
      max: 5,
      consensus: true,
      distribution: [{ card: '5', count: 1 }],
      outliers: { lowest: [], highest: [] },
      suggested: '5',
      voteCount: 1,
    });
  });

  it('computes average, median, min, max and outliers of a spread round', () => {
    const stats = computeStats(fibonacci, votes('3', '5', '5', '13', '3', '5'));
    expect(stats).toMatchObject({
      average: 5.67,
      median: 5,
      mode: '5',
      min: 3,
      max: 13,
      consensus: false,
      outliers: { lowest: ['a', 'e'], highest: ['d'] },
      suggested: '5',
      voteCount: 6,
    });
  });

  it('orders the distribution by deck order and leaves out unplayed cards', () => {
    const stats = computeStats(fibonacci, votes('13', '?', '1', '13'));
    expect(stats.distribution).toEqual([
      { card: '1', count: 1 },
      { card: '13', count: 2 },
      { card: '?', count: 1 },
    ]);
  });

  it('counts ? and coffee in the distribution but not in the numbers', () => {
    const deck: Deck = { kind: 'modified-fibonacci' };
    const stats = computeStats(deck, votes('?', 'coffee', '8', '8'));
    expect(stats).toMatchObject({ average: 8, median: 8, min: 8, max: 8, consensus: true });
    expect(stats.distribution).toEqual([
      { card: '8', count: 2 },
      { card: '?', count: 1 },
      { card: 'coffee', count: 1 },
    ]);
    expect(stats.voteCount).toBe(4);
  });

  it('has no numbers and no consensus when nobody played a numeric card', () => {
    const stats = computeStats(fibonacci, votes('?', '?'));
    expect(stats).toMatchObject({
      average: null,
      median: null,
      mode: '?',
      consensus: false,
      suggested: null,
      distribution: [{ card: '?', count: 2 }],
    });
  });

  it('has no mode on a tie and suggests the smallest card at or above the median', () => {
    const stats = computeStats(fibonacci, votes('3', '8'));
    expect(stats.mode).toBeNull();
    expect(stats.median).toBe(5.5);
    expect(stats.suggested).toBe('8');
  });

  it('suggests from the median when the most frequent card is not numeric', () => {
    const stats = computeStats(fibonacci, votes('?', '?', '2', '5', '3'));
    expect(stats.mode).toBe('?');
    expect(stats.suggested).toBe('3');
  });

  it('handles ½ as 0.5', () => {
    const stats = computeStats({ kind: 'modified-fibonacci' }, votes('½', '1', '½'));
    expect(stats).toMatchObject({ average: 0.67, median: 0.5, min: 0.5, max: 1, mode: '½' });
    expect(stats.outliers).toEqual({ lowest: ['a', 'c'], highest: ['b'] });
    expect(stats.suggested).toBe('½');
  });

  it('maps t-shirt sizes to points and suggests a size', () => {
    const stats = computeStats({ kind: 't-shirt' }, votes('S', 'M', 'L', 'XL'));
    expect(stats).toMatchObject({ average: 4.5, median: 4, min: 2, max: 8, mode: null });
    expect(stats.suggested).toBe('L');
  });

  it('uses the values of a custom deck, and numeric-looking custom cards as numbers', () => {
    const deck: Deck = {
      kind: 'custom',
      cards: ['tiny', 'huge', '2', 'unsure'],
      values: { tiny: 0.5, huge: 20 },
    };
    const stats = computeStats(deck, votes('tiny', 'huge', '2', 'unsure'));
    expect(stats).toMatchObject({ average: 7.5, median: 2, min: 0.5, max: 20, mode: null });
    expect(stats.outliers).toEqual({ lowest: ['a'], highest: ['b'] });
    expect(stats.suggested).toBe('2');
    expect(stats.distribution.map((entry) => entry.card)).toEqual(['tiny', 'huge', '2', 'unsure']);
  });

  it('reports consensus when every numeric vote is equal even if someone is unsure', () => {
    const stats = computeStats(fibonacci, votes('8', '?', '8'));
    expect(stats.consensus).toBe(true);
    expect(stats.outliers).toEqual({ lowest: [], highest: [] });
  });

  it('lists a card that is no longer in the deck last and ignores it in the numbers', () => {
    const stats = computeStats(fibonacci, votes('4', '3'));
    expect(stats.distribution).toEqual([
      { card: '3', count: 1 },
      { card: '4', count: 1 },
    ]);
    expect(stats).toMatchObject({ min: 3, max: 3, consensus: true });
  });

  it('rounds the average to two decimals', () => {
    expect(computeStats(fibonacci, votes('1', '1', '2')).average).toBe(1.33);
  });

  it('produces statistics that match the snapshot schema', () => {
    const stats = computeStats(fibonacci, votes('1', '?', '8'));
    expect(voteStatsSchema.parse(stats)).toEqual(stats);
  });
});

describe('estimateValueForCard', () => {
  it('writes t-shirt sizes as their points and ½ as 0.5', () => {
    expect(estimateValueForCard({ kind: 't-shirt' }, 'XL')).toBe(8);
    expect(estimateValueForCard({ kind: 'modified-fibonacci' }, '½')).toBe(0.5);
  });

  it('has nothing to write for ? or coffee', () => {
    expect(estimateValueForCard(fibonacci, '?')).toBeNull();
    expect(estimateValueForCard({ kind: 'modified-fibonacci' }, 'coffee')).toBeNull();
  });
});
