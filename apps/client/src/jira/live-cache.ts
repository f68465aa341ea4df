/**
 * An observable in-memory map for Jira look-ups. It lives as long as the page: names, avatars
 * and summaries are never written to any browser storage (PRIVACY-PROMISE.md, claims 8 and 9).
 */
export class LiveCache<V> {
  private readonly values = new Map<string, V>();
  private readonly listeners = new Set<() => void>();
  private version = 0;

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  set(entries: Iterable<[string, V]>): void {
    for (const [key, value] of entries) this.values.set(key, value);
    this.version += 1;
    this.listeners.forEach((listener) => listener());
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever an entry was added, for useSyncExternalStore. */
  readonly snapshot = (): number => this.version;
}
