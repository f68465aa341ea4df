import { defaultTimeTracking } from './seed-planning';
import { formatDuration, parseDuration, timetrackingEdit } from './time-tracking';

const site = defaultTimeTracking();

describe('Jira durations', () => {
  it.each([
    ['1d 4h', 12 * 3600],
    ['1w', 40 * 3600],
    ['2h 30m', 9000],
    ['1.5h', 5400],
    ['1d4h', 12 * 3600],
    ['90', 90 * 60],
    ['0m', 0],
  ])('reads %s with the site’s working time', (text, seconds) => {
    expect(parseDuration(text, site)).toBe(seconds);
  });

  it.each(['1y', '2 months', '-5h', 'soon', '', '3h x'])('refuses %j', (text) => {
    expect(parseDuration(text, site)).toBeUndefined();
  });

  it('counts a day as the site’s working hours', () => {
    expect(parseDuration('1d', { ...site, workingHoursPerDay: 6 })).toBe(6 * 3600);
    expect(formatDuration(12 * 3600, { ...site, workingHoursPerDay: 6 })).toBe('2d');
  });

  it('writes the largest units first', () => {
    expect(formatDuration(12 * 3600, site)).toBe('1d 4h');
    expect(formatDuration(41 * 3600 + 60, site)).toBe('1w 1h 1m');
    expect(formatDuration(0, site)).toBe('0m');
  });

  it('sets the remaining estimate with the original, and answers Jira’s error keys', () => {
    expect(timetrackingEdit({ originalEstimate: '2h' }, site)).toEqual({
      ok: true,
      original: 7200,
      remaining: 7200,
    });
    expect(timetrackingEdit({ originalEstimate: '1y', remainingEstimate: 'x' }, site)).toEqual({
      ok: false,
      errors: {
        timetracking_originalestimate: 'The original estimate specified is not valid.',
        timetracking_remainingestimate: 'The remaining estimate specified is not valid.',
      },
    });
  });
});
