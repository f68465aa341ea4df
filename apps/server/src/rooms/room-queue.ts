/**
 * Runs the changes of one room one after another on this node (other rooms run in parallel).
 * Postgres still arbitrates between nodes (the room row lock, or the version check of a commit
 * computed in memory); the queue only keeps this node's own changes from contending for the
 * same row, so a change computed from the cached rows is not invalidated by its neighbour.
 */
export class RoomQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(roomId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(roomId);
    const result = previous ? previous.then(task) : task();
    const tail = result.then(ignore, ignore);
    this.tails.set(roomId, tail);
    void tail.then(() => {
      if (this.tails.get(roomId) === tail) this.tails.delete(roomId);
    });
    return result;
  }
}

function ignore(): void {
  // A failed change fails only its own caller; the next one runs regardless.
}
