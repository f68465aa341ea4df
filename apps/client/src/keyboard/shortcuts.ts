/**
 * Keyboard shortcuts as `aria-keyshortcuts` writes them ("Shift+R", "Backspace Delete"): the
 * same string is announced to screen readers, shown on the button and matched here.
 */

/** The parts of a KeyboardEvent a shortcut looks at. */
export interface KeyPress {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

const MODIFIERS = ['Shift', 'Alt', 'Control', 'Meta'] as const;

function matchesOne(press: KeyPress, shortcut: string): boolean {
  const parts = shortcut.split('+');
  const key = parts.pop() ?? '';
  const wanted = new Set(parts);
  if (parts.some((part) => !(MODIFIERS as readonly string[]).includes(part))) return false;
  const held = {
    Shift: press.shiftKey,
    Alt: press.altKey,
    Control: press.ctrlKey,
    Meta: press.metaKey,
  };
  if (MODIFIERS.some((modifier) => held[modifier] !== wanted.has(modifier))) return false;
  return press.key.toLowerCase() === key.toLowerCase();
}

/** Checks whether a key press is one of the shortcut's space-separated alternatives. */
export function matchesShortcut(press: KeyPress, shortcuts: string): boolean {
  return shortcuts.split(' ').some((shortcut) => shortcut !== '' && matchesOne(press, shortcut));
}

/** "Shift+R" as a person reads it on a key cap: "⇧R". */
export function shortcutLabel(shortcut: string): string {
  const [first = ''] = shortcut.split(' ');
  return first
    .replace('Shift+', '⇧')
    .replace('Alt+', '⌥')
    .replace('Control+', 'Ctrl+')
    .replace('Meta+', '⌘');
}

/** Typing in a field must never vote or reveal. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Whether the page's keys belong to the room now: not while typing or while a dialog is open. */
export function keysBelongToPage(event: KeyboardEvent): boolean {
  if (event.repeat || event.defaultPrevented) return false;
  if (isTypingTarget(event.target)) return false;
  return document.querySelector('dialog[open]') === null;
}
