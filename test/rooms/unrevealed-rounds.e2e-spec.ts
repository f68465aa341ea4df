import type { RoomSnapshot } from '@poker/shared';
import { SEED_USERS, type JiraSim } from '../../apps/jira-sim/src';
import type { PokerClient } from '../support/poker-client';
import { startStack, type Stack } from '../support/stack';

const { alice, bob, carol } = SEED_USERS;

/**
 * Issue 14, "cards of a round that was never revealed leak through history": a round that ends
 * unrevealed (re-vote, or re-selecting the issue) must never show its cards, to anyone, in any
 * field. We drop its votes; a revealed round stays in the history.
 */
describe('a round nobody revealed keeps its cards secret for good', () => {
  let stack: Stack;
  let site: JiraSim;
  let owner: PokerClient;
  let voter: PokerClient;
  let late: PokerClient;

  beforeAll(async () => {
    stack = await startStack();
    site = await stack.site();
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    owner = await stack.client(site, alice.accountId);
    voter = await stack.client(site, bob.accountId);
  });
  afterEach(() => [owner, voter, late].forEach((client) => client?.close()));

  async function votedRoom(): Promise<RoomSnapshot> {
    const { room } = await owner.ok('room:create', {
      name: 'Secret cards',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
    });
    await voter.ok('room:join', { roomId: room.id });
    await voter.ok('vote:cast', { roomId: room.id, value: '13' });
    await owner.ok('vote:cast', { roomId: room.id, value: '2' });
    return room;
  }

  /** Every snapshot a client saw, and a fresh join's, must hold no card of round 1. */
  async function expectNoCardsOfRound1(roomId: string): Promise<void> {
    late = await stack.client(site, carol.accountId);
    const { room } = await late.ok('room:join', { roomId });
    const seen = [...owner.states, ...voter.states, room].filter((r) => r.id === roomId);
    for (const snapshot of seen) {
      const leaked = snapshot.history.filter((round) => round.round === 1);
      expect({ version: snapshot.version, leaked }).toEqual({
        version: snapshot.version,
        leaked: [],
      });
    }
    const rows = await stack.server.db.query('SELECT round FROM vote WHERE room_id = $1', [roomId]);
    expect(rows.filter((row: { round: number }) => row.round === 1)).toEqual([]);
  }

  it('after a re-vote started before the reveal', async () => {
    const room = await votedRoom();
    const { room: next } = await owner.ok('vote:reset', { roomId: room.id });
    expect(next.round).toBe(2);
    await expectNoCardsOfRound1(room.id);
  });

  it('after the same issue is selected again before the reveal', async () => {
    const room = await votedRoom();
    await owner.ok('issue:select', { roomId: room.id, issueKey: 'PROJ-1' });
    await expectNoCardsOfRound1(room.id);
  });

  it('after another issue is selected and the first one comes back', async () => {
    const room = await votedRoom();
    await owner.ok('issue:select', { roomId: room.id, issueKey: 'PROJ-2' });
    await owner.ok('issue:select', { roomId: room.id, issueKey: 'PROJ-1' });
    await expectNoCardsOfRound1(room.id);
  });

  it('while a revealed round stays in the history with its cards', async () => {
    const room = await votedRoom();
    await owner.ok('vote:reveal', { roomId: room.id });
    const { room: next } = await owner.ok('vote:reset', { roomId: room.id });
    expect(next.history).toEqual([
      expect.objectContaining({
        round: 1,
        votes: expect.arrayContaining([
          { accountId: bob.accountId, value: '13' },
          { accountId: alice.accountId, value: '2' },
        ]),
      }),
    ]);
  });
});
