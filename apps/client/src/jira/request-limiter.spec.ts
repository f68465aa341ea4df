import { describe, expect, it } from '@jest/globals';
import { RequestLimiter } from './request-limiter';

describe('RequestLimiter', () => {
  it('never runs more than its limit at once and runs every task in order', async () => {
    const limiter = new RequestLimiter(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const tasks = Array.from({ length: 7 }, (_, index) =>
      limiter.run(async () => {
        started.push(index);
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return index * 10;
      }),
    );
    expect(await Promise.all(tasks)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('frees the slot of a task that failed', async () => {
    const limiter = new RequestLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('Jira said no')))).rejects.toThrow(
      'Jira said no',
    );
    expect(await limiter.run(async () => 'next')).toBe('next');
  });
});
