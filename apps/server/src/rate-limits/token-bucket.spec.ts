import { takeTokens, type BucketState } from './token-bucket';

const rule = { burst: 3, perSecond: 2 };

describe('takeTokens', () => {
  it('grants a full burst, then refuses and says when the next token comes', () => {
    let state: BucketState | undefined;
    const granted: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const taken = takeTokens(state, rule, 1, 1000);
      state = taken.state;
      granted.push(taken.grant.granted);
    }
    expect(granted).toEqual([1, 1, 1, 0]);
    expect(takeTokens(state, rule, 1, 1000).grant).toEqual({ granted: 0, retryAfterMs: 500 });
    expect(takeTokens(state, rule, 1, 1500).grant.granted).toBe(1);
  });

  it('grants part of a batch when fewer tokens are left, never more than the burst', () => {
    const half = takeTokens({ tokens: 2.5, at: 0 }, rule, 10, 0);
    expect(half.grant.granted).toBe(2);
    expect(takeTokens({ tokens: 0, at: 0 }, rule, 10, 60_000).grant.granted).toBe(3);
  });

  it('keeps the floor for those allowed to spend the reserve', () => {
    const full = { tokens: 3, at: 0 };
    expect(takeTokens(full, rule, 5, 0, 2).grant.granted).toBe(1);
    expect(takeTokens({ tokens: 2, at: 0 }, rule, 1, 0, 2).grant).toEqual({
      granted: 0,
      retryAfterMs: 500,
    });
    expect(takeTokens({ tokens: 2, at: 0 }, rule, 1, 0).grant.granted).toBe(1);
  });
});
