/**
 * Runs the tasks of one key one after another on this node; tasks of other keys run in
 * parallel. The mutator keys it by room: Postgres still arbitrates between nodes (the row lock,
 * or the version check of a commit computed in memory), and the queue keeps this node's own
 * changes from contending for the same row, so a change computed from the cached rows is not
 * invalidated by its neighbour. Room creation keys it by tenant.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = previous ? previous.then(task) : task();
    const tail = result.then(ignore, ignore);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

function ignore(): void {
  // A failed change fails only its own caller; the next one runs regardless.
}
