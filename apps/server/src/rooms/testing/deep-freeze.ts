/**
 * Freezes `value` and everything it holds: a change made in place then throws (modules run in
 * strict mode) instead of quietly editing rows that the cache, or a refused commit, still holds.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) {
      deepFreeze((value as Record<PropertyKey, unknown>)[key]);
    }
  }
  return value;
}
