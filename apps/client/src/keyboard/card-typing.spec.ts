import { deckCards } from '@poker/shared';
import { describe, expect, it } from '@jest/globals';
import { typeCardCharacter, typedCharacter, type TypingStep } from './card-typing';

const fibonacci = deckCards({ kind: 'fibonacci' });
const modified = deckCards({ kind: 'modified-fibonacci' });
const tShirt = deckCards({ kind: 't-shirt' });
const time = deckCards({ kind: 'time' });

/** Types each character after the ones before, as if within the window; the last step. */
function typeAll(cards: readonly string[], text: string): TypingStep {
  let typed = '';
  let step: TypingStep = { kind: 'ignore' };
  for (const character of text) {
    step = typeCardCharacter(cards, typed, character);
    typed = step.kind === 'wait' ? step.typed : '';
  }
  return step;
}

describe('typing a card by its value', () => {
  it('picks 13 from 1 then 3, and waits after the 1 because 13 may follow', () => {
    expect(typeCardCharacter(fibonacci, '', '1')).toEqual({ kind: 'wait', typed: '1', card: '1' });
    expect(typeAll(fibonacci, '13')).toEqual({ kind: 'pick', card: '13' });
  });

  it('takes 3 as the card 3 on Fibonacci, not the fourth card', () => {
    // 34 starts with 3, so the 3 is picked when the window ends.
    expect(typeCardCharacter(fibonacci, '', '3')).toEqual({ kind: 'wait', typed: '3', card: '3' });
    // Nothing longer starts with 0 or ?: those are picked at once.
    expect(typeCardCharacter(fibonacci, '', '0')).toEqual({ kind: 'pick', card: '0' });
  });

  it('picks the 0 card with 0 instead of withdrawing', () => {
    expect(typeCardCharacter(fibonacci, '', '0')).toEqual({ kind: 'pick', card: '0' });
  });

  it('picks cards past the ninth: 89 and ?', () => {
    expect(typeAll(fibonacci, '89')).toEqual({ kind: 'pick', card: '89' });
    expect(typeCardCharacter(fibonacci, '', '?')).toEqual({ kind: 'pick', card: '?' });
    expect(typeAll(modified, '100')).toEqual({ kind: 'pick', card: '100' });
  });

  it('starts over when the next character continues no card', () => {
    // 1 then 2: 12 is no card, so 2 is typed on its own (and waits for a possible 21).
    expect(typeAll(fibonacci, '12')).toEqual({ kind: 'wait', typed: '2', card: '2' });
    expect(typeAll(modified, '14')).toEqual({ kind: 'wait', typed: '4', card: null });
    expect(typeCardCharacter(fibonacci, '', '7')).toEqual({ kind: 'ignore' });
  });

  it('types T-shirt sizes with letters in either case', () => {
    expect(typeCardCharacter(tShirt, '', 'm')).toEqual({ kind: 'pick', card: 'M' });
    expect(typeCardCharacter(tShirt, '', 'x')).toEqual({ kind: 'wait', typed: 'x', card: null });
    expect(typeAll(tShirt, 'xs')).toEqual({ kind: 'pick', card: 'XS' });
    expect(typeAll(tShirt, 'XXL'.toLowerCase())).toEqual({ kind: 'pick', card: 'XXL' });
  });

  it('types ½ as .5 and coffee as c', () => {
    expect(typeAll(modified, '.5')).toEqual({ kind: 'pick', card: '½' });
    expect(typeAll(modified, '0.5')).toEqual({ kind: 'pick', card: '½' });
    expect(typeCardCharacter(modified, '', 'c')).toEqual({ kind: 'pick', card: 'coffee' });
  });

  it('types time cards with their unit', () => {
    expect(typeCardCharacter(time, '', '1')).toEqual({ kind: 'wait', typed: '1', card: null });
    expect(typeAll(time, '1d')).toEqual({ kind: 'pick', card: '1d' });
    expect(typeAll(time, '1w')).toEqual({ kind: 'pick', card: '1w' });
  });

  it('reads one character from a key, and nothing from named keys', () => {
    expect(typedCharacter('S')).toBe('s');
    expect(typedCharacter('?')).toBe('?');
    expect(typedCharacter('Enter')).toBeNull();
    expect(typedCharacter('Backspace')).toBeNull();
  });
});
