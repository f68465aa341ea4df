import { z } from 'zod';
import { DECK_KINDS, type Deck } from './decks';

/** Largest estimate the app writes into Jira; deck values are held to the same bound. */
export const MAX_ESTIMATE = 1_000_000;

// Printable text: no control, format, private-use or unassigned characters, except the
// zero-width joiner that emoji sequences need. Keeps bidi overrides out of names and cards.
const PRINTABLE = /^(?:[^\p{C}]|\u200D)+$/u;

export const accountIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9:_-]+$/, 'must be a Jira account ID');

// Jira project keys are uppercase; 'proj-12' is accepted and normalised to 'PROJ-12'.
export const issueKeySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{0,9}-[1-9][0-9]{0,8}$/, 'must look like PROJ-123');

export const roomIdSchema = z.uuid('must be a room ID (UUID)');

export const fieldIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'must be a field ID like customfield_10016');

export const roomNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(PRINTABLE, 'must be printable');

export const jqlSchema = z.string().trim().min(1).max(1000);

export const cardSchema = z.string().trim().min(1).max(8).regex(PRINTABLE, 'must be printable');

// zod drops a `__proto__` record key silently; reject it like an unknown object key instead.
const cardValuesSchema = z.preprocess(
  (input, ctx) => {
    if (typeof input === 'object' && input !== null && Object.hasOwn(input, '__proto__')) {
      ctx.addIssue({ code: 'custom', input, message: 'unknown key "__proto__"' });
    }
    return input;
  },
  z.record(cardSchema, z.number().min(0).max(MAX_ESTIMATE)),
);

interface DeckProblem {
  path: (string | number)[];
  message: string;
}

// Rules a deck's shape alone cannot express: which kinds take cards, unique cards, known values.
function deckProblems(deck: Deck): DeckProblem[] {
  const problems: DeckProblem[] = [];
  if (deck.kind !== 'custom') {
    if (deck.cards !== undefined) {
      problems.push({ path: ['cards'], message: 'only a custom deck takes cards' });
    }
    if (deck.values !== undefined) {
      problems.push({ path: ['values'], message: 'only a custom deck takes values' });
    }
    return problems;
  }
  const cards = deck.cards;
  if (cards === undefined) {
    return [{ path: ['cards'], message: 'a custom deck needs 2 to 20 cards' }];
  }
  cards.forEach((card, index) => {
    if (cards.indexOf(card) !== index) {
      problems.push({ path: ['cards', index], message: `repeats card "${card}"` });
    }
  });
  for (const card of Object.keys(deck.values ?? {})) {
    if (!cards.includes(card)) {
      problems.push({ path: ['values', card], message: 'is not a card of this deck' });
    }
  }
  return problems;
}

export const deckSchema = z
  .strictObject({
    kind: z.enum(DECK_KINDS),
    cards: z.array(cardSchema).min(2).max(20).optional(),
    values: cardValuesSchema.optional(),
  })
  .superRefine((deck, ctx) => {
    for (const problem of deckProblems(deck)) {
      ctx.addIssue({ code: 'custom', ...problem });
    }
  }) satisfies z.ZodType<Deck>;

/** Body of `PUT /api/settings`: the tenant's default estimate field. */
export const settingsSchema = z.strictObject({ fieldId: fieldIdSchema });
export type Settings = z.infer<typeof settingsSchema>;

// Jira project keys: an uppercase letter, then uppercase letters, digits or underscores.
export const projectKeySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{0,9}$/, 'must be a Jira project key like PROJ');

/** Body of `PUT /api/settings/projects/:projectKey`: a project's own estimate field. */
export const projectFieldSchema = z.strictObject({ fieldId: fieldIdSchema });

/** Answer of `GET /api/settings`: the default field and every project override. */
export interface SettingsView {
  fieldId: string | null;
  projectFields: Record<string, string>;
}

/** Longest session token (or Connect context JWT) the socket accepts. */
export const MAX_TOKEN_LENGTH = 8192;

/** Payload of `session:renew`: the fresh token for the same person on the same site. */
export const sessionRenewSchema = z.strictObject({
  token: z.string().min(1).max(MAX_TOKEN_LENGTH),
});
export type SessionRenewPayload = z.infer<typeof sessionRenewSchema>;
