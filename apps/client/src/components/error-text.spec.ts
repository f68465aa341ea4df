import { describe, expect, it } from '@jest/globals';
import type { AckError } from '@poker/shared';
import { readableError } from './error-text';

describe('error text a person reads', () => {
  it('keeps the server’s own sentences', () => {
    const error: AckError = {
      code: 'NOT_FOUND',
      message: 'Not found in Jira, or you may not see: TEAM-1.',
    };
    expect(readableError(error)).toBe(error.message);
  });

  it('turns raw schema text into a sentence about the field', () => {
    const error: AckError = {
      code: 'BAD_REQUEST',
      message: 'name: Too small: expected string to have >=1 characters',
    };
    expect(readableError(error)).toBe(
      'The app did not accept the room’s name. Check it and try again.',
    );
    const nested: AckError = { code: 'BAD_REQUEST', message: 'deck.cards.0: Invalid input' };
    expect(readableError(nested)).toBe('The app did not accept the deck. Check it and try again.');
  });
});
