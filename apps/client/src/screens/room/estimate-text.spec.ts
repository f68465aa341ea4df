import { describe, expect, it } from '@jest/globals';
import { estimateText, parseEstimateInput } from './estimate-text';

const time = { kind: 'time' } as const;
const fibonacci = { kind: 'fibonacci' } as const;

describe('estimate text', () => {
  it('reads a duration for a time deck and sends it in hours', () => {
    expect(parseEstimateInput(time, '1d 4h')).toEqual({ ok: true, value: 12 });
    expect(parseEstimateInput(time, ' 90m ')).toEqual({ ok: true, value: 1.5 });
  });

  it('refuses a duration Jira would refuse, with a message to show beside the field', () => {
    const zero = parseEstimateInput(time, '0m');
    const year = parseEstimateInput(time, '1y');
    expect(zero.ok).toBe(false);
    expect(year).toEqual({ ok: false, message: expect.stringContaining('"y"') });
    expect(parseEstimateInput(time, '12').ok).toBe(false);
  });

  it('reads plain numbers for other decks, a decimal comma included', () => {
    expect(parseEstimateInput(fibonacci, '5')).toEqual({ ok: true, value: 5 });
    expect(parseEstimateInput(fibonacci, '0,5')).toEqual({ ok: true, value: 0.5 });
    expect(parseEstimateInput(fibonacci, '1d').ok).toBe(false);
    expect(parseEstimateInput(fibonacci, '-1').ok).toBe(false);
  });

  it('shows hours of a time deck as Jira writes durations', () => {
    expect(estimateText(time, 12)).toBe('1d 4h');
    expect(estimateText(time, 40)).toBe('1w');
    expect(estimateText(fibonacci, 8)).toBe('8');
  });
});
