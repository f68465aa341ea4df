import {
  cardSchema,
  deckSchema,
  issueKeySchema,
  jqlSchema,
  MAX_ESTIMATE,
  roomNameSchema,
  type Deck,
} from '@poker/shared';

/**
 * The shared schemas' rules for the room forms (create and settings), checked in the browser
 * first and said in people's words beside the field, never as the schema's own text.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const MAX_CARDS = 20;
const MAX_KEYS = 100;
const count = new Intl.NumberFormat('en');

const quoted = (text: string) => `“${text}”`;

/** The room's name, trimmed, or why it cannot be one. */
export function checkRoomName(name: string): Checked<string> {
  const checked = roomNameSchema.safeParse(name);
  if (checked.success) return { ok: true, value: checked.data };
  const [issue] = checked.error.issues;
  if (issue?.code === 'too_small') return { ok: false, message: 'Give the room a name.' };
  if (issue?.code === 'too_big') {
    const length = [...name.trim()].length;
    return {
      ok: false,
      message: `Keep the name to ${String(issue.maximum)} characters; it has ${length}.`,
    };
  }
  return {
    ok: false,
    message: 'Use letters, digits, spaces and punctuation: the name has an invisible character.',
  };
}

/** JQL, not a list of keys: an operator, a bracket, a quote or a JQL keyword gives it away. */
function looksLikeJql(text: string): boolean {
  return /[=~<>!()"']|\b(?:and|or|in|is|not|order\s+by|was|changed)\b/i.test(text);
}

/** Keys, a JQL query, or nothing (the room starts empty). */
export type IssueSelection = { issueKeys: string[] } | { jql: string } | { issueKeys?: never };

/** "PROJ-1, proj-2" as keys, a JQL query as JQL, nothing as nothing; or what is wrong. */
export function checkIssueInput(text: string): Checked<IssueSelection> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: {} };
  if (looksLikeJql(trimmed)) {
    const jql = jqlSchema.safeParse(trimmed);
    if (jql.success) return { ok: true, value: { jql: jql.data } };
    return { ok: false, message: 'Keep the JQL query under 1,000 characters.' };
  }
  const parts = trimmed.split(/[\s,;]+/).filter((part) => part.length > 0);
  const bad = parts.filter((part) => !issueKeySchema.safeParse(part).success);
  if (bad.length > 0) {
    const which =
      bad.length === 1
        ? quoted(bad[0] ?? '')
        : `${quoted(bad[0] ?? '')} and ${bad.length - 1} more`;
    return {
      ok: false,
      message: `${which} ${bad.length === 1 ? 'is not an issue key' : 'are not issue keys'}: keys look like PROJ-123. Or type a JQL query.`,
    };
  }
  const keys = [...new Set(parts.map((part) => part.toUpperCase()))];
  if (keys.length > MAX_KEYS) {
    return {
      ok: false,
      message: `Add up to ${MAX_KEYS} issues at a time; this list has ${keys.length}.`,
    };
  }
  return { ok: true, value: { issueKeys: keys } };
}

interface CustomCard {
  card: string;
  value?: number;
}

function checkCustomCard(part: string): Checked<CustomCard> {
  const [name = '', ...valueParts] = part.split('=');
  const card = name.trim();
  const valueText = valueParts.join('=').trim();
  if (card === '') return { ok: false, message: `${quoted(part)} needs a card before the “=”.` };
  const checked = cardSchema.safeParse(card);
  if (!checked.success) {
    return checked.error.issues[0]?.code === 'too_big'
      ? { ok: false, message: `${quoted(card)} is too long for a card: 8 characters at most.` }
      : { ok: false, message: `${quoted(card)} has a character a card cannot show.` };
  }
  if (valueParts.length === 0) return { ok: true, value: { card } };
  const value = Number(valueText);
  if (valueText === '' || !Number.isFinite(value) || value < 0 || value > MAX_ESTIMATE) {
    return {
      ok: false,
      message: `Give ${quoted(card)} a number from 0 to ${count.format(MAX_ESTIMATE)} after the “=”.`,
    };
  }
  return { ok: true, value: { card, value } };
}

/** "S=1, M=3, L=5, ?" as a custom deck: cards in order, and the numbers some are worth. */
export function checkCustomCards(text: string): Checked<Deck> {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const cards: string[] = [];
  const values: Record<string, number> = {};
  for (const part of parts) {
    const checked = checkCustomCard(part);
    if (!checked.ok) return checked;
    const { card, value } = checked.value;
    if (cards.includes(card))
      return { ok: false, message: `${quoted(card)} is in the deck twice.` };
    cards.push(card);
    if (value !== undefined) values[card] = value;
  }
  if (cards.length < 2 || cards.length > MAX_CARDS) {
    return {
      ok: false,
      message: `A custom deck has 2 to ${MAX_CARDS} cards, separated by commas; this one has ${cards.length}.`,
    };
  }
  const deck: Deck = {
    kind: 'custom',
    cards,
    ...(Object.keys(values).length > 0 && { values }),
  };
  // The shared rules have the last word; every rule above is one of them, said plainly.
  return deckSchema.safeParse(deck).success
    ? { ok: true, value: deck }
    : { ok: false, message: 'These cards cannot make a deck.' };
}

/** A custom deck as the cards field shows it: "S=1, M=3, ?". */
export function customCardsText(deck: Deck): string {
  return (deck.cards ?? [])
    .map((card) => {
      const value = deck.values?.[card];
      return value === undefined ? card : `${card}=${value}`;
    })
    .join(', ');
}
