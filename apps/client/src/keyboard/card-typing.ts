/**
 * Picking a card by typing its value: `1` then `3` picks 13, `3` picks the card 3 (not the
 * fourth card), `s` picks S, `?` picks ?. Pure: the caller keeps what was typed, the clock and
 * the timer (use-card-typing.ts).
 */

/** How long a typed value waits for its next character (`1` … `3` is 13). */
export const TYPING_WINDOW_MS = 700;

/** What one key does, given what was typed before it within the window. */
export type TypingStep =
  /** The key types nothing in this deck; what was typed before is dropped. */
  | { kind: 'ignore' }
  /** Exactly one card is typed and nothing longer starts with it: pick it now. */
  | { kind: 'pick'; card: string }
  /**
   * More may follow (`1` could become 13). `card` is picked when the window ends without
   * another key; null when what is typed is no card yet (`x` of XL).
   */
  | { kind: 'wait'; typed: string; card: string | null };

/** The characters that type a card: its value in lower case; ½ as .5, coffee as c. */
export function typedFormsOf(card: string): string[] {
  if (card === '½') return ['.5', '0.5', ',5', '0,5'];
  if (card === 'coffee') return ['c'];
  return [card.toLowerCase()];
}

/** The one character a key event types, lower case, or null (Enter, Shift, F1 …). */
export function typedCharacter(key: string): string | null {
  return [...key].length === 1 ? key.toLowerCase() : null;
}

function stepFor(cards: readonly string[], typed: string): TypingStep | null {
  let exact: string | null = null;
  let longer = false;
  for (const card of cards) {
    for (const form of typedFormsOf(card)) {
      if (form === typed) exact = card;
      else if (form.startsWith(typed)) longer = true;
    }
  }
  if (exact !== null && !longer) return { kind: 'pick', card: exact };
  if (exact !== null || longer) return { kind: 'wait', typed, card: exact };
  return null;
}

/**
 * The step for `character` typed after `typed` (what is still within the window, '' if
 * nothing). A character that does not continue any card starts over on its own, so a wrong
 * first key never blocks the next one.
 */
export function typeCardCharacter(
  cards: readonly string[],
  typed: string,
  character: string,
): TypingStep {
  if (typed !== '') {
    const continued = stepFor(cards, typed + character);
    if (continued) return continued;
  }
  return stepFor(cards, character) ?? { kind: 'ignore' };
}
