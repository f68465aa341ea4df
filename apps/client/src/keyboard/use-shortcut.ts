import { useEffect, useRef } from 'react';
import { keysBelongToPage, matchesShortcut } from './shortcuts';

/**
 * Runs `onPress` when the shortcut is pressed anywhere on the page, unless someone is typing
 * in a field or a dialog is open. `enabled: false` leaves the key alone.
 */
export function useShortcut(shortcut: string, onPress: () => void, enabled = true): void {
  // The latest callback, so the listener is added once per shortcut and not on every render.
  const latest = useRef(onPress);
  latest.current = onPress;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!keysBelongToPage(event) || !matchesShortcut(event, shortcut)) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shortcut, enabled]);
}
