import { ReportDeferrals } from './report-deferrals';

const MINUTE = 60_000;

describe('ReportDeferrals', () => {
  it('leaves a refused site alone for a while, longer after each refusal, never past the interval', () => {
    const deferrals = new ReportDeferrals();
    expect(deferrals.defer('site', ['a'], 0, 24 * 60 * MINUTE)).toBe(15 * MINUTE);
    expect(deferrals.isWaiting('site', 14 * MINUTE)).toBe(true);
    expect(deferrals.isWaiting('site', 15 * MINUTE)).toBe(false);
    expect(deferrals.defer('site', ['a'], 15 * MINUTE, 24 * 60 * MINUTE)).toBe(30 * MINUTE);
    expect(deferrals.defer('site', ['a'], 45 * MINUTE, 40 * MINUTE)).toBe(40 * MINUTE);
  });

  it('keeps the accounts owed, adds those that fall due meanwhile, and forgets them once reported', () => {
    const deferrals = new ReportDeferrals();
    deferrals.defer('site', ['a', 'b'], 0, 60 * MINUTE);
    deferrals.add('site', ['c']);
    deferrals.add('other', ['x']);
    expect([...deferrals.pending('site')].sort()).toEqual(['a', 'b', 'c']);
    expect(deferrals.has('other')).toBe(false);
    deferrals.settle('site');
    expect(deferrals.has('site')).toBe(false);
    expect(deferrals.pending('site').size).toBe(0);
    expect(deferrals.isWaiting('site', 0)).toBe(false);
  });
});
