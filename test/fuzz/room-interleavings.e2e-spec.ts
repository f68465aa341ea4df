import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { clientAckSchema, type Ack, type ClientEventName, type RoomSnapshot } from '@poker/shared';
import { SEED_USERS, type JiraSim } from '../../apps/jira-sim/src';
import { startStack, type Stack } from '../support/stack';
import {
  applyAction,
  createdRoom,
  expectedView,
  observedView,
  toEvent,
  type Action,
  type RoomModel,
} from './room-model';

const owner = SEED_USERS.alice.accountId;
const voters = [SEED_USERS.bob.accountId, SEED_USERS.carol.accountId];
const observer = SEED_USERS.erin.accountId;
const PEOPLE: string[] = [owner, ...voters, observer];
const ISSUES = ['PROJ-1', 'PROJ-2', 'PROJ-3'];
const CARDS = ['1', '2', '3', '5', '8', '?'];

const anyone = fc.constantFrom(...PEOPLE);
// Owner-only events come mostly from the owner, sometimes from others (who must be refused).
const mostlyOwner = fc.constantFrom(owner, owner, owner, ...voters, observer);

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('cast' as const),
      actor: anyone,
      value: fc.option(fc.constantFrom(...CARDS), { freq: 6 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'reveal' as const,
        'reset' as const,
        'timerStart' as const,
        'timerStop' as const,
      ),
      actor: mostlyOwner,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('select' as const),
      actor: mostlyOwner,
      issueKey: fc.constantFrom(...ISSUES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('join' as const),
      actor: fc.constantFrom(...voters, observer),
      role: fc.option(fc.constantFrom('voter' as const, 'observer' as const), { nil: undefined }),
    }),
  },
);

/** Batches run one after another; the events of a batch are sent at the same time. */
const scenarioArb = fc.array(fc.array(actionArb, { minLength: 1, maxLength: 3 }), {
  minLength: 1,
  maxLength: 8,
});

/** Always tried first: more re-votes than a snapshot's history holds, votes in every round. */
const manyRevotes: Action[][] = Array.from({ length: 8 }, (_, round): Action[] => [
  { kind: 'cast', actor: voters[round % 2], value: CARDS[round % CARDS.length] },
  { kind: 'reset', actor: owner },
]);

interface Answer {
  action: Action;
  event: ClientEventName;
  ack: Ack<unknown>;
}

describe('fuzzing a room with random interleavings of valid events', () => {
  let stack: Stack;
  let site: JiraSim;

  beforeAll(async () => {
    // A property run creates a room per case: far more than one person's Jira budget allows.
    stack = await startStack({
      JIRA_BUDGET_ACCOUNT_BURST: '100000',
      RATE_LIMIT_ACCOUNT_BURST: '100000',
    });
    site = await stack.site();
  });
  afterAll(() => stack.close());

  it('ends in the state rebuilt from the accepted events, and no client sees versions go back', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, (batches) => runScenario(stack, site, batches)),
      { numRuns: 60, examples: [[manyRevotes]] },
    );
  });
});

async function runScenario(stack: Stack, site: JiraSim, batches: Action[][]): Promise<void> {
  // Fresh sockets per scenario: no rate limit carries over, and each sees only this room.
  const sockets = await Promise.all(PEOPLE.map((accountId) => stack.client(site, accountId)));
  const clients = new Map(PEOPLE.map((accountId, index) => [accountId, sockets[index]]));
  try {
    const first = clients.get(owner)!;
    const { room } = await first.ok('room:create', {
      name: 'Fuzz',
      deck: { kind: 'fibonacci' },
      issueKeys: ISSUES,
    });
    for (const voter of voters) await clients.get(voter)!.ok('room:join', { roomId: room.id });
    const joined = await clients
      .get(observer)!
      .ok('room:join', { roomId: room.id, role: 'observer' });
    let model = createdRoom(owner, ISSUES, [
      [voters[0], 'voter'],
      [voters[1], 'voter'],
      [observer, 'observer'],
    ]);
    let version = joined.room.version;
    expect(observedView(joined.room)).toEqual(expectedView(model, observer));

    for (const batch of batches) {
      const answers = await Promise.all(
        batch.map(async (action): Promise<Answer> => {
          const [event, payload] = toEvent(action, room.id);
          const ack = await clients.get(action.actor)!.call(event, payload);
          return { action, event, ack };
        }),
      );
      for (const { event, ack } of answers) {
        expect({ event, ack, valid: clientAckSchema(event).safeParse(ack).success }).toMatchObject({
          valid: true,
        });
      }
      const replay = replayBatch(model, version, answers);
      checkRefusals(replay.states, answers);
      ({ model, version } = replay);
    }

    for (const [accountId, client] of clients) {
      const final = await client.waitForState((r) => r.id === room.id && r.version >= version);
      expect({ accountId, version: final.version }).toEqual({ accountId, version });
      expect(observedView(final)).toEqual(expectedView(model, accountId));
      const seen = client.states.filter((r) => r.id === room.id).map((r) => r.version);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    }
  } finally {
    clients.forEach((client) => client.close());
  }
}

/**
 * Orders the batch's accepted events by the version in their acks and replays them on the
 * model: each version step must be explained by exactly one event (the rest of that version
 * changed nothing), and every ack's snapshot must be the model's view at that point.
 */
function replayBatch(model: RoomModel, version: number, answers: Answer[]) {
  const accepted = answers
    .filter((answer) => answer.ack.ok)
    .map((answer) => ({
      ...answer,
      room: (answer.ack as { data: { room: RoomSnapshot } }).data.room,
    }));
  const byVersion = new Map<number, typeof accepted>();
  for (const answer of accepted)
    byVersion.set(answer.room.version, [...(byVersion.get(answer.room.version) ?? []), answer]);
  const states = [model];
  for (const [at, group] of [...byVersion].sort(([a], [b]) => a - b)) {
    const explains = (state: RoomModel, answer: (typeof accepted)[number], mustChange: boolean) => {
      const outcome = applyAction(state, answer.action);
      if (!outcome.ok || outcome.changed !== mustChange) return null;
      return isDeepStrictEqual(
        observedView(answer.room),
        expectedView(outcome.next, answer.action.actor),
      )
        ? outcome.next
        : null;
    };
    let next: RoomModel | null = null;
    if (at === version) {
      next = group.every((answer) => explains(model, answer, false)) ? model : null;
    } else if (at === version + 1) {
      for (const changer of group) {
        const candidate = explains(model, changer, true);
        const rest = group.filter((answer) => answer !== changer);
        if (candidate && rest.every((answer) => explains(candidate, answer, false)))
          next = candidate;
        if (next) break;
      }
    }
    if (!next) {
      throw new Error(
        `No order of the accepted events explains version ${at} (model at ${version}):\n` +
          JSON.stringify(
            {
              model: expectedView(model, owner),
              events: group.map((answer) => ({
                action: answer.action,
                got: observedView(answer.room),
              })),
            },
            null,
            1,
          ),
      );
    }
    model = next;
    version = at;
    states.push(model);
  }
  return { model, version, states };
}

/** Every refusal must carry the code the model gives in one of the states the batch went through. */
function checkRefusals(states: RoomModel[], answers: Answer[]): void {
  for (const { action, ack } of answers) {
    if (ack.ok) continue;
    const explained = states.some((state) => {
      const outcome = applyAction(state, action);
      return !outcome.ok && outcome.code === ack.error.code;
    });
    expect({ action, error: ack.error, explained }).toMatchObject({ explained: true });
  }
}
