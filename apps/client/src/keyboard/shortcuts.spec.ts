import { describe, expect, it } from '@jest/globals';
import { matchesShortcut, shortcutLabel, type KeyPress } from './shortcuts';

const press = (key: string, held: Partial<KeyPress> = {}): KeyPress => ({
  key,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...held,
});

describe('keyboard shortcuts', () => {
  it('matches Shift+R only with Shift held and no other modifier', () => {
    expect(matchesShortcut(press('R', { shiftKey: true }), 'Shift+R')).toBe(true);
    expect(matchesShortcut(press('r'), 'Shift+R')).toBe(false);
    expect(matchesShortcut(press('R', { shiftKey: true, ctrlKey: true }), 'Shift+R')).toBe(false);
  });

  it('matches any of the space-separated alternatives', () => {
    expect(matchesShortcut(press('Backspace'), 'Backspace Delete')).toBe(true);
    expect(matchesShortcut(press('Delete'), 'Backspace Delete')).toBe(true);
    expect(matchesShortcut(press('Delete', { shiftKey: true }), 'Backspace Delete')).toBe(false);
  });

  it('labels a shortcut as its key cap', () => {
    expect(shortcutLabel('Shift+N')).toBe('⇧N');
    expect(shortcutLabel('Backspace Delete')).toBe('Backspace');
  });
});
