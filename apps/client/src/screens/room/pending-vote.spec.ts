import { describe, expect, it } from '@jest/globals';
import { decidePendingVote, notCountedMessage, type PendingVote } from './pending-vote';

const vote: PendingVote = { issueKey: 'PROJ-1', round: 2, value: '5' };
const open = { currentIssueKey: 'PROJ-1', round: 2, revealed: false, myVote: null };

describe('a card picked while offline', () => {
  it('is sent when the same issue and round are still open', () => {
    expect(decidePendingVote(vote, open, true)).toEqual({ kind: 'send' });
  });

  it('counts as done when the server already holds it (the answer was lost, not the vote)', () => {
    expect(decidePendingVote(vote, { ...open, myVote: '5' }, true)).toEqual({ kind: 'counted' });
  });

  it('is sent again when the server holds another card of mine', () => {
    expect(decidePendingVote(vote, { ...open, myVote: '8' }, true)).toEqual({ kind: 'send' });
  });

  it('is not counted once the round was revealed', () => {
    expect(decidePendingVote(vote, { ...open, revealed: true }, true)).toEqual({
      kind: 'not-counted',
      reason: 'revealed',
    });
  });

  it('is not counted in a later round of the same issue (revealed, then re-voted)', () => {
    expect(decidePendingVote(vote, { ...open, round: 3 }, true)).toEqual({
      kind: 'not-counted',
      reason: 'revealed',
    });
  });

  it('is not counted when the room moved to another issue', () => {
    expect(decidePendingVote(vote, { ...open, currentIssueKey: 'PROJ-2', round: 1 }, true)).toEqual(
      { kind: 'not-counted', reason: 'moved' },
    );
  });

  it('is not counted when the room is gone or I lost my seat', () => {
    expect(decidePendingVote(vote, null, true)).toEqual({
      kind: 'not-counted',
      reason: 'room-gone',
    });
    expect(decidePendingVote(vote, open, false)).toEqual({
      kind: 'not-counted',
      reason: 'no-seat',
    });
  });

  it('says plainly why it was not counted', () => {
    expect(notCountedMessage(vote, 'revealed', 'PROJ-1')).toBe(
      'Your card 5 for PROJ-1 was not counted: the round was revealed while you were offline.',
    );
    expect(notCountedMessage(vote, 'moved', 'PROJ-2')).toBe(
      'Your card 5 for PROJ-1 was not counted: the room moved on to PROJ-2 while you were offline.',
    );
    expect(notCountedMessage({ ...vote, value: null }, 'room-gone', null)).toBe(
      'Your card was not taken back: the room is gone.',
    );
  });
});
