import { z } from 'zod';
import { ackSchema, fail, ok } from './errors';
import { ClientEvent } from './events';
import {
  clientEventSchemas,
  estimateSaveSchema,
  issueAddSchema,
  issueRemoveSchema,
  roomCreateSchema,
  roomJoinSchema,
  roomUpdateSchema,
  timerStartSchema,
  voteCastSchema,
} from './payloads';
import {
  accountIdSchema,
  deckSchema,
  fieldIdSchema,
  issueKeySchema,
  roomNameSchema,
  settingsSchema,
} from './schemas';
import { formatZodError } from './zod-error';

const roomId = '3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f';

/** The formatted error of a value the schema must reject. */
function rejection(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) {
    throw new Error(`expected rejection, got ${JSON.stringify(result.data)}`);
  }
  return formatZodError(result.error);
}

describe('issue keys', () => {
  it('upper-cases and trims lowercase input', () => {
    expect(issueKeySchema.parse(' proj-12 ')).toBe('PROJ-12');
    expect(issueKeySchema.parse('ab_1-7')).toBe('AB_1-7');
  });

  it.each(['PROJ', 'PROJ-0', 'PROJ-01', '1PROJ-1', 'PROJ-1-2', 'ABCDEFGHIJK-1', 'PROJ-1234567890'])(
    'rejects %p',
    (key) => {
      expect(rejection(issueKeySchema, key)).toBe('must look like PROJ-123');
    },
  );

  it('normalises and dedupes the keys of a new room', () => {
    const payload = roomCreateSchema.parse({
      name: 'Sprint 12',
      deck: { kind: 'fibonacci' },
      issueKeys: ['proj-1', 'PROJ-1', 'Proj-2'],
    });
    expect(payload.issueKeys).toEqual(['PROJ-1', 'PROJ-2']);
  });

  it('names the position of a bad key', () => {
    const message = rejection(issueRemoveSchema, { roomId, issueKeys: ['PROJ-1', 'nope'] });
    expect(message).toBe('issueKeys.1: must look like PROJ-123');
  });
});

describe('strict payloads', () => {
  it('rejects an unknown key', () => {
    expect(rejection(voteCastSchema, { roomId, value: '3', extra: 1 })).toBe('unknown key "extra"');
  });

  it('rejects __proto__ and constructor sent as JSON', () => {
    const proto = JSON.parse(`{"roomId":"${roomId}","value":"3","__proto__":{"admin":true}}`);
    const ctor = JSON.parse(`{"roomId":"${roomId}","value":"3","constructor":{"prototype":{}}}`);
    expect(rejection(voteCastSchema, proto)).toBe('unknown key "__proto__"');
    expect(rejection(voteCastSchema, ctor)).toBe('unknown key "constructor"');
  });

  it('rejects unknown keys inside a nested deck', () => {
    const input = { name: 'R', deck: { kind: 'fibonacci', colour: 'red' } };
    expect(rejection(roomCreateSchema, input)).toBe('deck: unknown key "colour"');
  });

  it('rejects every payload that is not an object', () => {
    for (const schema of Object.values(clientEventSchemas)) {
      expect(schema.safeParse(null).success).toBe(false);
      expect(schema.safeParse('room').success).toBe(false);
    }
  });

  it('has a schema for every client event', () => {
    expect(Object.keys(clientEventSchemas).sort()).toEqual(Object.values(ClientEvent).sort());
  });

  it('rejects the settings body with an unknown key', () => {
    expect(settingsSchema.parse({ fieldId: 'customfield_10016' })).toEqual({
      fieldId: 'customfield_10016',
    });
    expect(settingsSchema.safeParse({ fieldId: 'story_points', admin: true }).success).toBe(false);
  });
});

describe('decks', () => {
  it('accepts a standard deck without cards', () => {
    expect(deckSchema.parse({ kind: 't-shirt' })).toEqual({ kind: 't-shirt' });
  });

  it('rejects cards on a standard deck', () => {
    expect(rejection(deckSchema, { kind: 'fibonacci', cards: ['1', '2'] })).toBe(
      'cards: only a custom deck takes cards',
    );
  });

  it('requires cards on a custom deck', () => {
    expect(rejection(deckSchema, { kind: 'custom' })).toBe(
      'cards: a custom deck needs 2 to 20 cards',
    );
  });

  it('accepts a custom deck with values for some cards', () => {
    const deck = { kind: 'custom', cards: ['small', 'big', '?'], values: { small: 1, big: 8 } };
    expect(deckSchema.parse(deck)).toEqual(deck);
  });

  it('rejects repeated cards, too long cards and control characters', () => {
    expect(rejection(deckSchema, { kind: 'custom', cards: ['1', '2', '1'] })).toBe(
      'cards.2: repeats card "1"',
    );
    expect(deckSchema.safeParse({ kind: 'custom', cards: ['1', '123456789'] }).success).toBe(false);
    expect(deckSchema.safeParse({ kind: 'custom', cards: ['1', 'a\u0007'] }).success).toBe(false);
    expect(deckSchema.safeParse({ kind: 'custom', cards: ['1', '\u202Eab'] }).success).toBe(false);
    expect(deckSchema.safeParse({ kind: 'custom', cards: ['1', '  '] }).success).toBe(false);
  });

  it('accepts emoji cards', () => {
    expect(deckSchema.safeParse({ kind: 'custom', cards: ['☕️', '👩‍💻'] }).success).toBe(true);
  });

  it('limits a custom deck to 2..20 cards', () => {
    const cards = (count: number) => Array.from({ length: count }, (_, index) => String(index));
    expect(deckSchema.safeParse({ kind: 'custom', cards: cards(1) }).success).toBe(false);
    expect(deckSchema.safeParse({ kind: 'custom', cards: cards(20) }).success).toBe(true);
    expect(deckSchema.safeParse({ kind: 'custom', cards: cards(21) }).success).toBe(false);
  });

  it('rejects values for cards that are not in the deck, and non-finite values', () => {
    const deck = { kind: 'custom', cards: ['a', 'b'], values: { c: 1 } };
    expect(rejection(deckSchema, deck)).toBe('values.c: is not a card of this deck');
    const infinite = { kind: 'custom', cards: ['a', 'b'], values: { a: Infinity } };
    expect(deckSchema.safeParse(infinite).success).toBe(false);
  });

  it('rejects __proto__ as a key of values', () => {
    const deck = JSON.parse('{"kind":"custom","cards":["a","b"],"values":{"__proto__":{"a":1}}}');
    expect(rejection(deckSchema, deck)).toBe('values: unknown key "__proto__"');
  });
});

describe('payload bounds', () => {
  it('defaults the issue keys of a new room to none', () => {
    const payload = roomCreateSchema.parse({ name: '  Sprint 12 ', deck: { kind: 'fibonacci' } });
    expect(payload).toEqual({ name: 'Sprint 12', deck: { kind: 'fibonacci' }, issueKeys: [] });
  });

  it('rejects an empty or overlong room name', () => {
    expect(roomNameSchema.safeParse('   ').success).toBe(false);
    expect(roomNameSchema.safeParse('x'.repeat(81)).success).toBe(false);
    expect(roomNameSchema.parse('x'.repeat(80))).toHaveLength(80);
  });

  it('rejects more than 100 issue keys', () => {
    const issueKeys = Array.from({ length: 101 }, (_, index) => `PROJ-${index + 1}`);
    expect(
      roomCreateSchema.safeParse({ name: 'R', deck: { kind: 'fibonacci' }, issueKeys }).success,
    ).toBe(false);
  });

  it('needs issue keys or a JQL query to add issues', () => {
    expect(rejection(issueAddSchema, { roomId })).toBe(
      'issueKeys: give at least one issue key or a JQL query',
    );
    expect(issueAddSchema.parse({ roomId, jql: 'project = PROJ' }).issueKeys).toEqual([]);
    expect(issueAddSchema.safeParse({ roomId, issueKeys: ['PROJ-1'] }).success).toBe(true);
    expect(issueAddSchema.safeParse({ roomId, jql: '   ' }).success).toBe(false);
  });

  it('needs at least one issue key to remove issues', () => {
    expect(issueRemoveSchema.safeParse({ roomId, issueKeys: [] }).success).toBe(false);
  });

  it('accepts joining as voter or observer only', () => {
    expect(roomJoinSchema.parse({ roomId })).toEqual({ roomId });
    expect(roomJoinSchema.parse({ roomId, role: 'observer' }).role).toBe('observer');
    expect(roomJoinSchema.safeParse({ roomId, role: 'owner' }).success).toBe(false);
  });

  it('rejects a room ID that is not a UUID', () => {
    expect(rejection(roomJoinSchema, { roomId: 'room-1' })).toBe(
      'roomId: must be a room ID (UUID)',
    );
  });

  it('lets the owner reset the field to the tenant default with null', () => {
    expect(roomUpdateSchema.parse({ roomId, fieldId: null }).fieldId).toBeNull();
    expect(roomUpdateSchema.parse({ roomId, autoAdvance: true })).toEqual({
      roomId,
      autoAdvance: true,
    });
  });

  it('accepts a card or null as a vote, and nothing longer than 8 characters', () => {
    expect(voteCastSchema.parse({ roomId, value: null }).value).toBeNull();
    expect(voteCastSchema.parse({ roomId, value: 'coffee' }).value).toBe('coffee');
    expect(voteCastSchema.safeParse({ roomId }).success).toBe(false);
    expect(voteCastSchema.safeParse({ roomId, value: '' }).success).toBe(false);
    expect(voteCastSchema.safeParse({ roomId, value: '123456789' }).success).toBe(false);
  });

  it('bounds the timer to whole seconds between 5 and 3600', () => {
    expect(timerStartSchema.parse({ roomId })).toEqual({ roomId });
    expect(timerStartSchema.safeParse({ roomId, seconds: 5 }).success).toBe(true);
    expect(timerStartSchema.safeParse({ roomId, seconds: 4 }).success).toBe(false);
    expect(timerStartSchema.safeParse({ roomId, seconds: 3601 }).success).toBe(false);
    expect(timerStartSchema.safeParse({ roomId, seconds: 30.5 }).success).toBe(false);
  });

  it('accepts estimates from 0 to a million and nothing else', () => {
    const save = (value: unknown) =>
      estimateSaveSchema.safeParse({ roomId, issueKey: 'proj-1', value }).success;
    expect(save(0)).toBe(true);
    expect(save(0.5)).toBe(true);
    expect(save(1_000_000)).toBe(true);
    expect(save(-1)).toBe(false);
    expect(save(1_000_001)).toBe(false);
    expect(save(Number.NaN)).toBe(false);
    expect(save(Infinity)).toBe(false);
    expect(save('3')).toBe(false);
  });

  it('accepts Jira account IDs and field IDs and rejects anything else', () => {
    expect(accountIdSchema.parse('557058:f58131cb-b67d-43c7-b30d-6b58d40bd077')).toBeTruthy();
    expect(accountIdSchema.safeParse('a b').success).toBe(false);
    expect(accountIdSchema.safeParse('x'.repeat(129)).success).toBe(false);
    expect(fieldIdSchema.parse('customfield_10016')).toBe('customfield_10016');
    expect(fieldIdSchema.safeParse('field id').success).toBe(false);
    expect(fieldIdSchema.safeParse('x'.repeat(65)).success).toBe(false);
  });
});

describe('formatZodError', () => {
  it('prints the path and message of the first problem on one line', () => {
    const message = rejection(roomCreateSchema, {
      name: 'R',
      deck: { kind: 'fibonacci' },
      issueKeys: ['bad key'],
    });
    expect(message).toBe('issueKeys.0: must look like PROJ-123');
  });

  it('says how many further problems there are', () => {
    const message = rejection(estimateSaveSchema, { roomId: 'x', issueKey: 'PROJ-1', value: -1 });
    expect(message).toBe('roomId: must be a room ID (UUID) (and 1 more)');
  });

  it('prints a top-level problem without a path', () => {
    expect(rejection(voteCastSchema, 42)).toMatch(/^Invalid input/);
  });
});

describe('acks', () => {
  it('builds success and failure acks that match the contract', () => {
    expect(ok({ rooms: [] })).toEqual({ ok: true, data: { rooms: [] } });
    expect(fail('FORBIDDEN', 'only the owner can reveal')).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'only the owner can reveal' },
    });
    expect(ackSchema.safeParse(ok({})).success).toBe(true);
    expect(ackSchema.safeParse(fail('JIRA_ERROR', 'Jira said no')).success).toBe(true);
  });

  it('rejects acks with an unknown code or extra keys', () => {
    expect(ackSchema.safeParse({ ok: false, error: { code: 'NOPE', message: 'x' } }).success).toBe(
      false,
    );
    expect(ackSchema.safeParse({ ok: true, data: {}, error: null }).success).toBe(false);
    expect(ackSchema.safeParse({ ok: false, error: { code: 'INTERNAL' } }).success).toBe(false);
  });
});

describe('issue fields picked from a board', () => {
  const create = { name: 'Sprint 12', deck: { kind: 'fibonacci' }, issueKeys: ['proj-1'] };

  it('takes a field per picked issue, keys normalised', () => {
    const parsed = roomCreateSchema.parse({
      ...create,
      issueFields: [{ issueKey: 'proj-1', fieldId: 'customfield_10016' }],
    });
    expect(parsed.issueFields).toEqual([{ issueKey: 'PROJ-1', fieldId: 'customfield_10016' }]);
  });

  it('refuses a field for an issue the payload does not add', () => {
    const input = { ...create, issueFields: [{ issueKey: 'PROJ-2', fieldId: 'customfield_1' }] };
    expect(rejection(roomCreateSchema, input)).toContain('must be one of issueKeys');
    const add = { roomId, issueKeys: input.issueKeys, issueFields: input.issueFields };
    expect(rejection(issueAddSchema, add)).toContain('must be one of issueKeys');
  });

  it('refuses names where field IDs belong', () => {
    const input = { ...create, issueFields: [{ issueKey: 'PROJ-1', fieldId: 'Story Points' }] };
    expect(rejection(roomCreateSchema, input)).toContain('field ID');
  });
});
