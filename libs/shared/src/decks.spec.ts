import { cardValue, DECK_KINDS, deckCards, isCardInDeck, type Deck } from './decks';

describe('decks', () => {
  it('lists the fibonacci cards in order, ending with ?', () => {
    expect(deckCards({ kind: 'fibonacci' })).toEqual([
      '0',
      '1',
      '2',
      '3',
      '5',
      '8',
      '13',
      '21',
      '34',
      '55',
      '89',
      '?',
    ]);
  });

  it('lists the modified fibonacci cards including ½ and coffee', () => {
    expect(deckCards({ kind: 'modified-fibonacci' })).toEqual([
      '0',
      '½',
      '1',
      '2',
      '3',
      '5',
      '8',
      '13',
      '20',
      '40',
      '100',
      '?',
      'coffee',
    ]);
  });

  it('lists the t-shirt sizes and the powers of two', () => {
    expect(deckCards({ kind: 't-shirt' })).toEqual(['XS', 'S', 'M', 'L', 'XL', 'XXL', '?']);
    expect(deckCards({ kind: 'powers-of-two' })).toEqual([
      '0',
      '1',
      '2',
      '4',
      '8',
      '16',
      '32',
      '64',
      '?',
    ]);
  });

  it('gives every standard deck a card list and knows all six kinds', () => {
    expect(DECK_KINDS).toEqual([
      'fibonacci',
      'modified-fibonacci',
      't-shirt',
      'powers-of-two',
      'time',
      'custom',
    ]);
    for (const kind of DECK_KINDS.filter((kind) => kind !== 'custom')) {
      expect(deckCards({ kind }).length).toBeGreaterThan(2);
    }
  });

  it('returns a copy, so callers cannot change a deck by mutating the list', () => {
    const deck: Deck = { kind: 'custom', cards: ['a', 'b'] };
    deckCards(deck).push('c');
    deckCards({ kind: 'fibonacci' }).pop();
    expect(deckCards(deck)).toEqual(['a', 'b']);
    expect(deckCards({ kind: 'fibonacci' })).toContain('?');
  });

  it('counts ½ as 0.5', () => {
    expect(cardValue({ kind: 'modified-fibonacci' }, '½')).toBe(0.5);
  });

  it('maps t-shirt sizes to story points', () => {
    const deck: Deck = { kind: 't-shirt' };
    const values = ['XS', 'S', 'M', 'L', 'XL', 'XXL'].map((card) => cardValue(deck, card));
    expect(values).toEqual([1, 2, 3, 5, 8, 13]);
  });

  it('gives ? and coffee no numeric value', () => {
    expect(cardValue({ kind: 'fibonacci' }, '?')).toBeNull();
    expect(cardValue({ kind: 'modified-fibonacci' }, 'coffee')).toBeNull();
    expect(cardValue({ kind: 't-shirt' }, '?')).toBeNull();
  });

  it('gives a card outside the deck no value', () => {
    expect(cardValue({ kind: 'fibonacci' }, '4')).toBeNull();
    expect(cardValue({ kind: 'powers-of-two' }, '5')).toBeNull();
    expect(cardValue({ kind: 'custom', cards: ['1', '2'] }, '3')).toBeNull();
  });

  it('reads numeric-looking custom cards as numbers', () => {
    const deck: Deck = { kind: 'custom', cards: ['0.5', '3', '½', 'big'] };
    expect(cardValue(deck, '0.5')).toBe(0.5);
    expect(cardValue(deck, '3')).toBe(3);
    expect(cardValue(deck, '½')).toBe(0.5);
    expect(cardValue(deck, 'big')).toBeNull();
  });

  it('prefers an explicit value over what a custom card looks like', () => {
    const deck: Deck = {
      kind: 'custom',
      cards: ['small', 'big', '3'],
      values: { small: 1, '3': 30 },
    };
    expect(cardValue(deck, 'small')).toBe(1);
    expect(cardValue(deck, 'big')).toBeNull();
    expect(cardValue(deck, '3')).toBe(30);
  });

  it('does not pick up inherited properties for a custom card named like one', () => {
    const deck: Deck = { kind: 'custom', cards: ['toString', 'valueOf'], values: {} };
    expect(cardValue(deck, 'toString')).toBeNull();
    expect(cardValue(deck, 'valueOf')).toBeNull();
  });

  it('tells whether a card belongs to the deck', () => {
    expect(isCardInDeck({ kind: 'fibonacci' }, '13')).toBe(true);
    expect(isCardInDeck({ kind: 'fibonacci' }, '20')).toBe(false);
    expect(isCardInDeck({ kind: 'custom', cards: ['S', 'M'] }, 'M')).toBe(true);
    expect(isCardInDeck({ kind: 'custom' }, 'M')).toBe(false);
  });
});
