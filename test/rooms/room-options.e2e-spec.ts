import {
  roomSnapshotSchema,
  voterOf,
  type RoomSnapshot,
  type RoomUpdatePayload,
} from '@poker/shared';
import { SEED_USERS, STORY_POINTS_FIELD, type JiraSim } from '../../apps/jira-sim/src';
import { defaultField, playRound } from '../jira/planning-support';
import type { PokerClient } from '../support/poker-client';
import { startStack, type Stack } from '../support/stack';

const { alice, bob, carol } = SEED_USERS;
const ACCOUNTS = [alice, bob, carol].map((user) => user.accountId);

/** Every account ID in what a snapshot says about cards: revealed votes, history, outliers. */
function namesInCards(room: RoomSnapshot): string[] {
  const rounds = [{ votes: room.votes ?? [], stats: room.stats }, ...room.history];
  return rounds.flatMap(({ votes, stats }) => [
    ...votes.map(voterOf).filter((id): id is string => id !== null),
    ...(stats ? [...stats.outliers.lowest, ...stats.outliers.highest] : []),
  ]);
}

/** The options part of a snapshot, to compare before and after a refused update. */
const options = (room: RoomSnapshot) => ({
  name: room.name,
  deck: room.deck,
  fieldId: room.fieldId,
  autoReveal: room.autoReveal,
  autoAdvance: room.autoAdvance,
  anonymousReveal: room.anonymousReveal,
  suggestRule: room.suggestRule,
  timerSeconds: room.timerSeconds,
});

describe('live rooms: room options (issue 15 point 4 and 7)', () => {
  let stack: Stack;
  let site: JiraSim;
  let owner: PokerClient;
  let voter: PokerClient;
  let other: PokerClient;

  beforeAll(async () => {
    stack = await startStack();
    site = await stack.site();
    await defaultField(stack.server.url, site, alice.accountId, STORY_POINTS_FIELD);
  });
  afterAll(() => stack.close());

  beforeEach(async () => {
    owner = await stack.client(site, alice.accountId);
    voter = await stack.client(site, bob.accountId);
    other = await stack.client(site, carol.accountId);
  });
  afterEach(() => [owner, voter, other].forEach((client) => client.close()));

  async function room(extra: Record<string, unknown> = {}): Promise<RoomSnapshot> {
    const created = await owner.ok('room:create', {
      name: 'Options',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
      ...extra,
    });
    await voter.ok('room:join', { roomId: created.room.id });
    return (await other.ok('room:join', { roomId: created.room.id })).room;
  }

  const everyone = (cards: [string, string, string]) =>
    [owner, voter, other].map((client, at): [PokerClient, string] => [client, cards[at]]);

  it('creates a room with its options, and a facilitator changes each of them', async () => {
    const created = await room({ anonymousReveal: true, suggestRule: 'median', timerSeconds: 45 });
    expect(created).toMatchObject({
      anonymousReveal: true,
      suggestRule: 'median',
      timerSeconds: 45,
    });
    const roomId = created.id;
    const changes: Omit<RoomUpdatePayload, 'roomId'>[] = [
      { name: 'Renamed' },
      { deck: { kind: 'custom', cards: ['S', 'M', 'L', '?'], values: { S: 1, M: 3, L: 5 } } },
      { fieldId: STORY_POINTS_FIELD },
      { autoReveal: true },
      { autoAdvance: true },
      { anonymousReveal: false },
      { suggestRule: 'average-up' },
      { timerSeconds: 90 },
    ];
    for (const change of changes) {
      const { room: updated } = await owner.ok('room:update', { roomId, ...change });
      expect(updated).toMatchObject(change);
      expect(roomSnapshotSchema.safeParse(updated).success).toBe(true);
    }
    // Everyone hears of it, not only the facilitator.
    const seen = await voter.waitForState((view) => view.timerSeconds === 90);
    expect(seen).toMatchObject({ name: 'Renamed', suggestRule: 'average-up', autoAdvance: true });
    // timer:start without seconds runs the room's length.
    const { room: timed } = await owner.ok('timer:start', { roomId });
    const left = Date.parse(timed.timerEndsAt ?? '') - Date.now();
    expect(left).toBeGreaterThan(80_000);
    expect(left).toBeLessThanOrEqual(90_000);
  });

  it('refuses bad option values with a clear error and changes nothing', async () => {
    const { id: roomId } = await room();
    const before = options((await owner.ok('room:join', { roomId })).room);
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ suggestRule: 'maximum' }, /suggestRule/],
      [{ timerSeconds: 2 }, /timerSeconds/],
      [{ timerSeconds: 3601 }, /timerSeconds/],
      [{ timerSeconds: 30.5 }, /timerSeconds/],
      [{ anonymousReveal: 'yes' }, /anonymousReveal/],
      [{ anonymousReveal: true, timerSeconds: 0 }, /timerSeconds/],
      [{ deck: { kind: 'custom', cards: ['S', 'M'], values: { S: -1 } } }, /deck/],
    ];
    for (const [payload, message] of bad) {
      const ack = await owner.call('room:update', { roomId, ...payload });
      expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(ack.ok ? '' : ack.error.message).toMatch(message);
    }
    const refusedCreate = await owner.call('room:create', {
      name: 'Bad',
      deck: { kind: 'fibonacci' },
      suggestRule: 'loudest',
    });
    expect(refusedCreate).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    // A member who does not facilitate may not change them either.
    const notYours = await voter.call('room:update', { roomId, anonymousReveal: true });
    expect(notYours).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(options((await owner.ok('room:join', { roomId })).room)).toEqual(before);
  });

  it('reveals anonymously: no account IDs in votes, history or outliers; progress still shows who voted', async () => {
    const { id: roomId } = await room({ anonymousReveal: true });
    await playRound(owner, roomId, everyone(['3', '13', '5']));
    await owner.ok('vote:reset', { roomId });
    await owner.ok('vote:cast', { roomId, value: '8' });
    // Before the reveal: who has voted is known, what they voted is not.
    const progress = await voter.waitForState(
      (view) =>
        !view.revealed &&
        view.members.some((member) => member.accountId === alice.accountId && member.hasVoted),
    );
    expect(progress.votes).toBeNull();
    await voter.ok('vote:cast', { roomId, value: '2' });
    await other.ok('vote:cast', { roomId, value: '13' });
    const { room: revealed } = await owner.ok('vote:reveal', { roomId });
    for (const view of [
      revealed,
      await other.waitForState((v) => v.revealed && v.round === revealed.round),
    ]) {
      expect(roomSnapshotSchema.safeParse(view).success).toBe(true);
      expect(namesInCards(view)).toEqual([]);
      // Sorted by value: the order says nothing about who played what.
      expect(view.votes).toEqual([{ value: '2' }, { value: '8' }, { value: '13' }]);
      expect(view.history[0]?.votes).toEqual([{ value: '3' }, { value: '5' }, { value: '13' }]);
      expect(view.stats).toMatchObject({ min: 2, max: 13, outliers: { lowest: [], highest: [] } });
      expect(view.members.filter((member) => member.hasVoted)).toHaveLength(3);
    }
    expect(JSON.stringify(revealed.votes)).not.toMatch(new RegExp(ACCOUNTS.join('|')));
  });

  it('switching anonymity off keeps the rounds already played anonymous; the next round has names', async () => {
    const { id: roomId } = await room({ anonymousReveal: true });
    await playRound(owner, roomId, everyone(['3', '5', '8']));
    const { room: off } = await owner.ok('room:update', { roomId, anonymousReveal: false });
    expect(off.anonymousReveal).toBe(false);
    expect(namesInCards(off)).toEqual([]);
    await owner.ok('vote:reset', { roomId });
    await playRound(owner, roomId, everyone(['5', '5', '8']));
    const named = owner.latest(roomId)!;
    expect(named.votes?.map(voterOf).sort()).toEqual([...ACCOUNTS].sort());
    expect(named.history[0]?.votes.map(voterOf)).toEqual([null, null, null]);
    // Switching it on hides every name at once, this round's too.
    const { room: on } = await owner.ok('room:update', { roomId, anonymousReveal: true });
    expect(namesInCards(on)).toEqual([]);
  });

  it('writes the planningPoker property of an anonymous room without account IDs', async () => {
    const { id: roomId } = await room({ anonymousReveal: true });
    await playRound(owner, roomId, everyone(['3', '5', '5']));
    await owner.ok('estimate:save', { roomId, issueKey: 'PROJ-1', value: 5 });
    const record = site.issue('PROJ-1')?.properties?.planningPoker as Record<string, unknown>;
    expect(record).toMatchObject({ value: 5, voters: 3, consensus: false });
    expect(record).not.toHaveProperty('votes');
    expect(JSON.stringify(record)).not.toMatch(new RegExp(ACCOUNTS.join('|')));
  });

  it('suggests by the room’s rule, and with T-shirt cards worth S=1, M=3, L=5 saves the number', async () => {
    const deck = { kind: 'custom', cards: ['S', 'M', 'L', '?'], values: { S: 1, M: 3, L: 5 } };
    const { id: roomId } = await room({ deck, issueKeys: ['PROJ-2'] });
    await playRound(owner, roomId, everyone(['S', 'L', 'L']));
    const suggestions: Record<string, string | null> = {};
    for (const suggestRule of [
      'mode',
      'median',
      'average-nearest',
      'average-up',
      'average-down',
    ] as const) {
      const { room: view } = await owner.ok('room:update', { roomId, suggestRule });
      suggestions[suggestRule] = view.stats?.suggested ?? null;
      expect(view.stats).toMatchObject({ average: 3.67, median: 5, min: 1, max: 5 });
    }
    expect(suggestions).toEqual({
      mode: 'L',
      median: 'L',
      'average-nearest': 'M',
      'average-up': 'L',
      'average-down': 'M',
    });
    await owner.ok('estimate:save', { roomId, issueKey: 'PROJ-2', value: 3 });
    expect(site.issue('PROJ-2')?.fields[STORY_POINTS_FIELD]).toBe(3);
  });

  it('a new deck mid-round drops the unrevealed cards; between rounds nothing is lost', async () => {
    const { id: roomId } = await room();
    await playRound(owner, roomId, everyone(['3', '5', '8']));
    const tShirt = {
      kind: 'custom' as const,
      cards: ['S', 'M', 'L'],
      values: { S: 1, M: 3, L: 5 },
    };
    const { room: between } = await owner.ok('room:update', { roomId, deck: tShirt });
    expect(between.votes).toHaveLength(3);
    await owner.ok('vote:reset', { roomId });
    await voter.ok('vote:cast', { roomId, value: 'M' });
    const { room: midRound } = await owner.ok('room:update', {
      roomId,
      deck: { kind: 'fibonacci' },
    });
    expect(midRound.members.some((member) => member.hasVoted)).toBe(false);
    // The same custom deck sent again (its values in another order than Postgres keeps them)
    // is no change: a rename mid-round keeps the cards.
    await owner.ok('room:update', { roomId, deck: tShirt });
    await voter.ok('vote:cast', { roomId, value: 'M' });
    const reordered = { ...tShirt, values: { L: 5, S: 1, M: 3 } };
    const { room: renamed } = await owner.ok('room:update', {
      roomId,
      name: 'Renamed mid-round',
      deck: reordered,
    });
    expect(renamed.members.find((member) => member.accountId === bob.accountId)?.hasVoted).toBe(
      true,
    );
  });
});
