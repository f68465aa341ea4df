import fc from 'fast-check';
import { ackSchema, ClientEvent, clientAckSchema, type ClientEventName } from '@poker/shared';
import { SEED_USERS, STORY_POINTS_FIELD, type JiraSim } from '../../apps/jira-sim/src';
import type { PokerClient } from '../support/poker-client';
import { startStack, type Stack } from '../support/stack';
import { freshSockets } from '../security/fresh-sockets';

const { alice, bob } = SEED_USERS;
const EVENTS = Object.values(ClientEvent);
/** Names socket.io-client refuses to emit. */
const RESERVED = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

/** Values that are right (or nearly) for each payload key, so fuzzing reaches deep code paths. */
function plausibleValue(key: string, target: { roomId: string }): fc.Arbitrary<unknown> {
  const values: Record<string, unknown[]> = {
    name: ['Room', ' x ', ''],
    deck: [{ kind: 'fibonacci' }, { kind: 't-shirt' }, { kind: 'custom', cards: ['a', 'b'] }],
    issueKeys: [['PROJ-1'], ['proj-2', 'PROJ-3'], []],
    jql: ['project = PROJ', 'key in (PROJ-1)'],
    fieldId: [STORY_POINTS_FIELD, null],
    autoReveal: [true, false],
    autoAdvance: [true, false],
    ownerVotes: [true, false],
    block: [true, false],
    role: ['voter', 'observer'],
    value: ['5', '?', 'XL', null, 3],
    issueKey: ['PROJ-1', 'PROJ-2', 'PROJ-9'],
    seconds: [60, 3600, 1],
    accountId: [bob.accountId, alice.accountId],
  };
  if (key === 'roomId') {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant(null).map(() => target.roomId) },
      { weight: 1, arbitrary: fc.uuid() },
    );
  }
  return fc.constantFrom(...(values[key] ?? [null]));
}

/** The keys each event's payload schema knows. */
const EVENT_KEYS: Record<ClientEventName, string[]> = {
  'room:create': ['name', 'deck', 'issueKeys', 'jql', 'fieldId', 'autoReveal'],
  'room:list': [],
  'room:join': ['roomId', 'role'],
  'room:leave': ['roomId'],
  'room:update': [
    'roomId',
    'name',
    'deck',
    'fieldId',
    'autoReveal',
    'autoAdvance',
    'ownerVotes',
    'asyncVoting',
  ],
  'issue:add': ['roomId', 'issueKeys', 'jql'],
  'issue:remove': ['roomId', 'issueKeys'],
  'issue:select': ['roomId', 'issueKey'],
  'vote:cast': ['roomId', 'value', 'issueKey'],
  'vote:reveal': ['roomId'],
  'vote:reset': ['roomId'],
  'timer:start': ['roomId', 'seconds'],
  'timer:stop': ['roomId'],
  'estimate:save': ['roomId', 'issueKey', 'value'],
  'room:transfer': ['roomId', 'accountId'],
  'room:remove': ['roomId'],
  'member:kick': ['roomId', 'accountId', 'block'],
  'member:nudge': ['roomId'],
  'facilitator:grant': ['roomId', 'accountId'],
  'facilitator:revoke': ['roomId', 'accountId'],
  'issue:skip': ['roomId', 'issueKey'],
  'issue:acceptAgreed': ['roomId', 'preview'],
};
const ALL_KEYS = [...new Set(Object.values(EVENT_KEYS).flat())];

/**
 * Random payloads for an event: anything at all, random objects, wrong types, any known key
 * with any value, and the event's own keys with values that are often right (so the fuzzing
 * also reaches the rules behind validation).
 */
function payloadArb(event: ClientEventName, target: { roomId: string }): fc.Arbitrary<unknown> {
  const loose = (key: string) =>
    fc.oneof(plausibleValue(key, target), fc.anything(), fc.string(), fc.uuid());
  const mostlyRight = (key: string) =>
    fc.oneof(
      { weight: 6, arbitrary: plausibleValue(key, target) },
      { weight: 1, arbitrary: fc.anything() },
    );
  const own = (value: (key: string) => fc.Arbitrary<unknown>) =>
    Object.fromEntries(EVENT_KEYS[event].map((key) => [key, value(key)]));
  return fc.oneof(
    fc.anything(),
    fc.object(),
    fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
    fc.array(fc.anything(), { maxLength: 4 }),
    fc.record(Object.fromEntries(ALL_KEYS.map((key) => [key, loose(key)])), { requiredKeys: [] }),
    fc.record(own(loose), { requiredKeys: [] }),
    { weight: 4, arbitrary: fc.record(own(mostlyRight), { requiredKeys: [] }) },
  );
}

const eventAndPayload = (target: { roomId: string }) =>
  fc
    .constantFrom(...EVENTS)
    .chain((event) => fc.tuple(fc.constant(event), payloadArb(event, target)));

describe('fuzzing every event with random payloads', () => {
  let stack: Stack;
  let site: JiraSim;
  /** The room the payloads aim at; replaced when a fuzzed room:remove happens to succeed. */
  const target = { roomId: '' };

  async function newRoom(): Promise<void> {
    const owner = await stack.client(site, alice.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Fuzzed',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
    });
    await (await stack.client(site, bob.accountId)).ok('room:join', { roomId: room.id });
    target.roomId = room.id;
  }

  beforeAll(async () => {
    // Payload validation is what is fuzzed here: the per-person event and Jira budgets (tested
    // in test/security/rate-limits) would otherwise run dry over 400 fast events and refuse the
    // suite's own set-up (a fresh room after a fuzzed room:remove) depending on machine speed.
    stack = await startStack({
      RATE_LIMIT_ACCOUNT_BURST: '100000',
      RATE_LIMIT_ACCOUNT_PER_SECOND: '100000',
      JIRA_BUDGET_ACCOUNT_BURST: '100000',
      JIRA_BUDGET_ACCOUNT_PER_MINUTE: '100000',
    });
    site = await stack.site();
    await newRoom();
  });
  afterAll(() => stack.close());

  it('answers every payload with an ack of the contract shape, and the socket stays up', async () => {
    const used = new Set<PokerClient>();
    const outcomes = new Map<string, number>();
    // The owner and a voter take turns, each on fresh sockets before the rate limit kicks in.
    const senders = [
      freshSockets(stack, site, alice.accountId),
      freshSockets(stack, site, bob.accountId),
    ];
    let turn = 0;
    await fc.assert(
      fc.asyncProperty(eventAndPayload(target), async ([event, payload]) => {
        const client = await senders[turn++ % senders.length]();
        used.add(client);
        const ack = await client.call(event, payload);
        const contract = clientAckSchema(event).safeParse(ack).success;
        expect({ event, payload, ack, contract }).toMatchObject({ contract: true });
        const outcome = ack.ok ? 'ok' : ack.error.code;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        expect({ event, payload, outcome }).not.toMatchObject({ outcome: 'INTERNAL' });
        expect(client.socket.connected).toBe(true);
        if (event === 'room:remove' && ack.ok) await newRoom();
      }),
      { numRuns: 400 },
    );
    expect([...used].every((client) => client.socket.connected)).toBe(true);
    // Both sides of validation were reached: refusals of every kind and accepted events.
    expect(outcomes.get('BAD_REQUEST')).toBeGreaterThan(0);
    expect(outcomes.get('ok')).toBeGreaterThan(0);
    expect((await fetch(`${stack.server.url}/healthz`)).status).toBe(200);
  });

  it('survives unknown events, missing acks and extra arguments', async () => {
    const client = await stack.client(site, bob.accountId);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(...EVENTS),
          fc.string().filter((name) => !RESERVED.has(name)),
        ),
        fc.array(fc.anything(), { maxLength: 3 }),
        async (event, args) => {
          // Fire and forget: no ack callback, or several arguments where one is expected.
          client.socket.emit(event, ...args);
        },
      ),
      { numRuns: 100 },
    );
    await new Promise((resolve) => setTimeout(resolve, 1200)); // let the rate limit refill
    expect(client.socket.connected).toBe(true);
    const extra: unknown = await client.socket
      .timeout(5000)
      .emitWithAck('vote:cast', { roomId: target.roomId, value: '3' }, 'extra');
    expect(ackSchema.safeParse(extra).success).toBe(true);
    expect(extra).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await client.call('room:list', {})).ok).toBe(true);
    expect((await fetch(`${stack.server.url}/healthz`)).status).toBe(200);
  });
});
