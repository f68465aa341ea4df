import { closedAccounts } from './report-accounts';

describe('closedAccounts', () => {
  it('finds nothing to erase in a 204 (no body)', () => {
    expect(closedAccounts(undefined, ['a'])).toEqual([]);
  });

  it('keeps only closed accounts that were in the report', () => {
    const answer = {
      accounts: [
        { accountId: 'a', status: 'closed' },
        { accountId: 'b', status: 'updated' },
        { accountId: 'not-ours', status: 'closed' },
        { accountId: 'a', status: 'closed' },
      ],
    };
    expect(closedAccounts(answer, ['a', 'b'])).toEqual(['a']);
  });

  it('refuses an answer it cannot read rather than guessing', () => {
    expect(() => closedAccounts({ closed: ['a'] }, ['a'])).toThrow(/unexpected shape/);
  });
});
