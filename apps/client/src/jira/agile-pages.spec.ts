import { describe, expect, it } from '@jest/globals';
import { gatherIssues, gatherValues } from './agile-pages';

describe('Agile REST paging', () => {
  it('reads value pages until Jira says isLast, going on from what each page held', async () => {
    const asked: number[] = [];
    const pages = [
      { startAt: 0, maxResults: 2, isLast: false, values: [1, 2] },
      { startAt: 2, maxResults: 2, isLast: false, values: [3] },
      { startAt: 3, maxResults: 2, isLast: true, values: [4] },
    ];
    const gathered = await gatherValues(async (startAt) => {
      asked.push(startAt);
      return pages[asked.length - 1] ?? {};
    }, 10);
    expect(asked).toEqual([0, 2, 3]);
    expect(gathered).toEqual({ items: [1, 2, 3, 4], truncated: false });
  });

  it('stops at the limit and says more was left', async () => {
    const gathered = await gatherValues(
      async (startAt) => ({ isLast: false, values: [startAt, startAt + 1] }),
      3,
    );
    expect(gathered).toEqual({ items: [0, 1, 2], truncated: true });
  });

  it('reads issue pages until the total is reached', async () => {
    const asked: number[] = [];
    const gathered = await gatherIssues(async (startAt) => {
      asked.push(startAt);
      const issues = ['A', 'B', 'C', 'D', 'E'].slice(startAt, startAt + 2);
      return { startAt, maxResults: 2, total: 5, issues };
    }, 100);
    expect(asked).toEqual([0, 2, 4]);
    expect(gathered.items).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('never loops on a page that comes back empty', async () => {
    const gathered = await gatherIssues(async () => ({ total: 50, issues: [] }), 100);
    expect(gathered).toEqual({ items: [], truncated: false });
  });
});
