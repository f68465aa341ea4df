import { KeyedBatcher } from './keyed-batcher';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyedBatcher', () => {
  it('hands over at once what comes alone, and together what came while a batch ran', async () => {
    const batches: string[][] = [];
    const batcher = new KeyedBatcher<string, string>(async (key, items) => {
      batches.push(items);
      await tick();
      return items.map((item) => `${key}:${item}`);
    }, 10);
    const first = batcher.submit('site', 'a');
    const rest = ['b', 'c', 'd'].map((item) => batcher.submit('site', item));
    const other = batcher.submit('other', 'x');
    await expect(Promise.all([first, ...rest, other])).resolves.toEqual([
      'site:a',
      'site:b',
      'site:c',
      'site:d',
      'other:x',
    ]);
    expect(batches).toEqual([['a'], ['x'], ['b', 'c', 'd']]);
  });

  it('caps a batch, and fails only the batch whose handling failed', async () => {
    const batches: number[][] = [];
    const batcher = new KeyedBatcher<number, number>(async (_key, items) => {
      batches.push(items);
      await tick();
      if (items.includes(3)) throw new Error('down');
      return items;
    }, 2);
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => batcher.submit('k', n)));
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
  });
});
