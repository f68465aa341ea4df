import { describe, expect, it } from '@jest/globals';
import {
  checkCustomCards,
  checkIssueInput,
  checkRoomName,
  customCardsText,
} from './room-form-rules';

const problem = (checked: { ok: boolean; message?: string }) =>
  checked.ok ? null : checked.message;

describe('the room form rules in people’s words', () => {
  it('asks for a name, and counts a name that is too long', () => {
    expect(checkRoomName('  Sprint 12 ')).toEqual({ ok: true, value: 'Sprint 12' });
    expect(problem(checkRoomName('   '))).toBe('Give the room a name.');
    expect(problem(checkRoomName('x'.repeat(81)))).toBe(
      'Keep the name to 80 characters; it has 81.',
    );
    expect(problem(checkRoomName('Bad\u202Ename'))).toMatch(/invisible character/);
  });

  it('never shows the schema’s own text', () => {
    for (const checked of [checkRoomName(''), checkRoomName('y'.repeat(200))]) {
      expect(problem(checked)).not.toMatch(/Too (small|big)|expected string/);
    }
  });

  it('reads keys, normalised and without repeats, and JQL as JQL', () => {
    expect(checkIssueInput('proj-1, PROJ-2 proj-1')).toEqual({
      ok: true,
      value: { issueKeys: ['PROJ-1', 'PROJ-2'] },
    });
    expect(checkIssueInput('project = PROJ ORDER BY key')).toEqual({
      ok: true,
      value: { jql: 'project = PROJ ORDER BY key' },
    });
    expect(checkIssueInput('  ')).toEqual({ ok: true, value: {} });
  });

  it('names the part that is not an issue key', () => {
    expect(problem(checkIssueInput('PROJ-1, PROJ12'))).toBe(
      '“PROJ12” is not an issue key: keys look like PROJ-123. Or type a JQL query.',
    );
    expect(problem(checkIssueInput('PROJ-0 12-3'))).toBe(
      '“PROJ-0” and 1 more are not issue keys: keys look like PROJ-123. Or type a JQL query.',
    );
  });

  it('reads custom cards with and without numbers', () => {
    expect(checkCustomCards('S=1, M=3, L=5, ?')).toEqual({
      ok: true,
      value: { kind: 'custom', cards: ['S', 'M', 'L', '?'], values: { S: 1, M: 3, L: 5 } },
    });
    expect(checkCustomCards('1, 2, 3')).toEqual({
      ok: true,
      value: { kind: 'custom', cards: ['1', '2', '3'] },
    });
  });

  it('says what is wrong with custom cards', () => {
    expect(problem(checkCustomCards('1'))).toBe(
      'A custom deck has 2 to 20 cards, separated by commas; this one has 1.',
    );
    expect(problem(checkCustomCards('1, 2, 1'))).toBe('“1” is in the deck twice.');
    expect(problem(checkCustomCards('S=small, M'))).toBe(
      'Give “S” a number from 0 to 1,000,000 after the “=”.',
    );
    expect(problem(checkCustomCards('enormous-card, 2'))).toBe(
      '“enormous-card” is too long for a card: 8 characters at most.',
    );
  });

  it('writes a custom deck back as the field shows it', () => {
    const deck = { kind: 'custom' as const, cards: ['S', 'M', '?'], values: { S: 1, M: 3 } };
    expect(customCardsText(deck)).toBe('S=1, M=3, ?');
  });
});
