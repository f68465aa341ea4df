import { useEffect, useRef, useState } from 'react';
import { TYPING_WINDOW_MS, typeCardCharacter, typedCharacter } from './card-typing';
import { keysBelongToPage, matchesShortcut } from './shortcuts';

/** Withdraws my vote; digits are card values now, so 0 can be the 0 card. */
export const WITHDRAW_SHORTCUT = 'Backspace Delete';

const LETTER = /^\p{L}$/u;

/**
 * Picks cards by typing their values anywhere on the page (card-typing.ts), and withdraws with
 * Backspace or Delete. Returns what is typed while more may follow ("1" before 13), to show it.
 */
export function useCardTyping(
  cards: readonly string[],
  onVote: (card: string | null) => void,
): string {
  const [typed, setTyped] = useState('');
  const state = useRef({ typed: '', at: 0, timer: 0 });
  // The latest deck and callback: a new room snapshot must not drop a value being typed.
  const latest = useRef({ cards, onVote });
  latest.current = { cards, onVote };

  useEffect(() => {
    const current = state.current;
    const settle = (next: string) => {
      window.clearTimeout(current.timer);
      current.typed = next;
      setTyped(next);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || !keysBelongToPage(event)) return;
      if (matchesShortcut(event, WITHDRAW_SHORTCUT)) {
        event.preventDefault();
        settle('');
        latest.current.onVote(null);
        return;
      }
      const character = typedCharacter(event.key);
      // Shift with a letter is a shortcut (Shift+R reveals), never a card.
      if (character === null || (event.shiftKey && LETTER.test(character))) return;
      const now = Date.now();
      const before = now - current.at <= TYPING_WINDOW_MS ? current.typed : '';
      current.at = now;
      const step = typeCardCharacter(latest.current.cards, before, character);
      if (step.kind === 'ignore') {
        settle('');
        return;
      }
      event.preventDefault();
      if (step.kind === 'pick') {
        settle('');
        latest.current.onVote(step.card);
        return;
      }
      settle(step.typed);
      current.timer = window.setTimeout(() => {
        current.typed = '';
        setTyped('');
        if (step.card !== null) latest.current.onVote(step.card);
      }, TYPING_WINDOW_MS);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.clearTimeout(current.timer);
    };
  }, []);

  return typed;
}
