import { durationProblem, formatJiraDuration, parseJiraDuration } from './durations';
import { cardValue, deckCards } from './decks';

describe('Jira durations', () => {
  it.each([
    ['2h', 2],
    ['1d 4h', 12],
    ['1w', 40],
    ['90m', 1.5],
    ['1.5h', 1.5],
    ['  1W 1D  ', 48],
  ])('reads %p as %p hours', (text, hours) => {
    expect(parseJiraDuration(text)).toEqual({ ok: true, hours });
  });

  it.each([
    ['1y', 'unit "y"'],
    ['3 months', '"3" is not a duration'],
    ['0m', 'at least 1 minute'],
    ['0h 0m', 'at least 1 minute'],
    ['', 'Enter a duration'],
    ['101w', 'at most 100 weeks'],
    ['-2h', 'not a duration'],
  ])('refuses %p, saying why', (text, why) => {
    const parsed = parseJiraDuration(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toContain(why);
  });

  it('refuses less than a minute, non-numbers and more than 100 weeks', () => {
    expect(durationProblem(0)).not.toBeNull();
    expect(durationProblem(1 / 180)).not.toBeNull();
    expect(durationProblem(Number.NaN)).not.toBeNull();
    expect(durationProblem(4001)).not.toBeNull();
    expect(durationProblem(1 / 60)).toBeNull();
    expect(durationProblem(4000)).toBeNull();
  });

  it.each([
    [1, '1h'],
    [8, '1d'],
    [12, '1d 4h'],
    [1.5, '1h 30m'],
    [53, '1w 1d 5h'],
    [0, '0m'],
  ])('writes %p hours as %p', (hours, text) => {
    expect(formatJiraDuration(hours)).toBe(text);
  });

  it('reads back every card of the time deck as its own value', () => {
    const deck = { kind: 'time' as const };
    for (const card of deckCards(deck).filter((each) => each !== '?')) {
      expect(parseJiraDuration(card)).toEqual({ ok: true, hours: cardValue(deck, card) });
      expect(formatJiraDuration(cardValue(deck, card) ?? 0)).toBe(card);
    }
  });
});
