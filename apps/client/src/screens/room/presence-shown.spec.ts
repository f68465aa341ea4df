import { describe, expect, it } from '@jest/globals';
import { presenceShown } from './presence-shown';

describe('presence while my connection is lost', () => {
  it('shows everyone as unknown, whatever the last snapshot said', () => {
    expect(presenceShown(true, false)).toBe('unknown');
    expect(presenceShown(false, false)).toBe('unknown');
  });

  it('shows real presence once I am back', () => {
    expect(presenceShown(true, true)).toBe('online');
    expect(presenceShown(false, true)).toBe('offline');
  });
});
