import { KeyedQueue } from './keyed-queue';

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Hands the items of one key to `handle` in batches, one batch at a time per key: what is
 * submitted while a batch is being handled waits and goes together in the next one. A burst
 * (a site whose 500 rooms open at once) then costs a few turns instead of one each, while a
 * lone item still goes at once. Items of other keys are batched and handled alongside.
 */
export class KeyedBatcher<T, R> {
  private readonly queue = new KeyedQueue();
  /** Per key, the batch still taking items (it has not started yet). */
  private readonly gathering = new Map<string, Waiting<T, R>[]>();

  constructor(
    /** Returns one result per item, in order; a throw fails the whole batch. */
    private readonly handle: (key: string, items: T[]) => Promise<R[]>,
    private readonly maxBatch: number,
  ) {}

  submit(key: string, item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const open = this.gathering.get(key);
      if (open && open.length < this.maxBatch) {
        open.push({ item, resolve, reject });
        return;
      }
      const batch = [{ item, resolve, reject }];
      this.gathering.set(key, batch);
      void this.queue.run(key, () => this.flush(key, batch));
    });
  }

  private async flush(key: string, batch: Waiting<T, R>[]): Promise<void> {
    if (this.gathering.get(key) === batch) this.gathering.delete(key);
    try {
      const results = await this.handle(
        key,
        batch.map((waiting) => waiting.item),
      );
      batch.forEach((waiting, index) => waiting.resolve(results[index]));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
