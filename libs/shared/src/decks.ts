/** Every kind of deck a room can use. */
export const DECK_KINDS = [
  'fibonacci',
  'modified-fibonacci',
  't-shirt',
  'powers-of-two',
  'time',
  'custom',
] as const;

export type DeckKind = (typeof DECK_KINDS)[number];

/**
 * A room's deck. `cards` is required for (and only meaningful in) a custom deck; `values` gives
 * custom cards a number, and a custom card that looks numeric ('3', '0.5') counts as that number.
 */
export interface Deck {
  kind: DeckKind;
  cards?: string[];
  values?: Record<string, number>;
}

type StandardDeckKind = Exclude<DeckKind, 'custom'>;

// Each standard deck as [card, numeric value]; null marks cards without a number ('?', 'coffee').
const STANDARD_DECKS: Record<StandardDeckKind, ReadonlyArray<readonly [string, number | null]>> = {
  fibonacci: [
    ['0', 0],
    ['1', 1],
    ['2', 2],
    ['3', 3],
    ['5', 5],
    ['8', 8],
    ['13', 13],
    ['21', 21],
    ['34', 34],
    ['55', 55],
    ['89', 89],
    ['?', null],
  ],
  'modified-fibonacci': [
    ['0', 0],
    ['½', 0.5],
    ['1', 1],
    ['2', 2],
    ['3', 3],
    ['5', 5],
    ['8', 8],
    ['13', 13],
    ['20', 20],
    ['40', 40],
    ['100', 100],
    ['?', null],
    ['coffee', null],
  ],
  // Sizes map to story points so they can be averaged and saved into Jira's numeric field.
  't-shirt': [
    ['XS', 1],
    ['S', 2],
    ['M', 3],
    ['L', 5],
    ['XL', 8],
    ['XXL', 13],
    ['?', null],
  ],
  'powers-of-two': [
    ['0', 0],
    ['1', 1],
    ['2', 2],
    ['4', 4],
    ['8', 8],
    ['16', 16],
    ['32', 32],
    ['64', 64],
    ['?', null],
  ],
  // Values are hours at Jira's default working time (8-hour day, 5-day week); this deck saves
  // into Jira's Original Estimate (timetracking), see durations.ts.
  time: [
    ['1h', 1],
    ['2h', 2],
    ['4h', 4],
    ['1d', 8],
    ['2d', 16],
    ['3d', 24],
    ['1w', 40],
    ['?', null],
  ],
};

const NUMERIC_CARD = /^(?:\d+(?:\.\d+)?|\.\d+)$/;

/** Checks whether a deck kind is a non-custom deck with a fixed card list. */
export function isStandardDeckKind(kind: DeckKind): kind is StandardDeckKind {
  return kind !== 'custom';
}

/** The cards of a deck in display order (a fresh array the caller may keep). */
export function deckCards(deck: Deck): string[] {
  if (isStandardDeckKind(deck.kind)) {
    return STANDARD_DECKS[deck.kind].map(([card]) => card);
  }
  return [...(deck.cards ?? [])];
}

/** Checks whether a card belongs to the deck. */
export function isCardInDeck(deck: Deck, card: string): boolean {
  return deckCards(deck).includes(card);
}

/** The numeric value of a card, or null for cards without one ('?', 'coffee') or not in the deck. */
export function cardValue(deck: Deck, card: string): number | null {
  if (isStandardDeckKind(deck.kind)) {
    const entry = STANDARD_DECKS[deck.kind].find(([standardCard]) => standardCard === card);
    return entry ? entry[1] : null;
  }
  if (!isCardInDeck(deck, card)) {
    return null;
  }
  return customCardValue(deck.values, card);
}

function customCardValue(values: Record<string, number> | undefined, card: string): number | null {
  // hasOwn: a card named like an Object.prototype member must not pick up an inherited function.
  if (values && Object.hasOwn(values, card)) {
    const value = values[card];
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
  }
  if (card === '½') {
    return 0.5;
  }
  return NUMERIC_CARD.test(card) ? Number(card) : null;
}
