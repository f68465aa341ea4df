import type { RoomSnapshot } from '@poker/shared';
import { SEED_USERS } from '../../apps/jira-sim/src';
import type { PokerClient } from '../support/poker-client';
import { startStack, type Stack } from '../support/stack';

const { alice, bob, carol } = SEED_USERS;

/** The room without the per-person part, for comparing what two members see. */
const shared = ({ myVote: _mine, ...room }: RoomSnapshot) => room;

/**
 * `room:patch` (auth.protocol = 'patch'): after the join's snapshot a member gets small patches,
 * and what they hold is always what a member on plain `room:state` gets; a client that asked for
 * nothing keeps getting `room:state` (DESIGN.md).
 */
describe('room patches on the wire', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  async function waitUntil(check: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`Timed out: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('a patch client holds what a snapshot client is sent, with its own hidden card only', async () => {
    const site = await stack.site();
    const owner = await stack.client(site, alice.accountId);
    const patched = await stack.client(site, bob.accountId, { patches: true });
    const plain = await stack.client(site, carol.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Patches',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
    });
    await patched.ok('room:join', { roomId: room.id });
    await plain.ok('room:join', { roomId: room.id });

    const steps: [PokerClient, string, object][] = [
      [patched, 'vote:cast', { roomId: room.id, value: '8' }],
      [plain, 'vote:cast', { roomId: room.id, value: '3' }],
      [owner, 'vote:reveal', { roomId: room.id }],
      [owner, 'vote:reset', { roomId: room.id }],
      [owner, 'issue:select', { roomId: room.id, issueKey: 'PROJ-2' }],
      [patched, 'vote:cast', { roomId: room.id, value: '5' }],
      [owner, 'room:update', { roomId: room.id, name: 'Patched' }],
    ];
    for (const [client, event, payload] of steps) {
      const ack = await client.call(event as 'vote:cast', payload);
      expect(ack.ok).toBe(true);
      const version = (ack as { data: { room: RoomSnapshot } }).data.room.version;
      await waitUntil(
        () => (plain.latest(room.id)?.version ?? 0) >= version,
        `plain client at ${version}`,
      );
      await waitUntil(
        () => (patched.latest(room.id)?.version ?? 0) >= version,
        `patch client at ${version}`,
      );
      expect(shared(patched.latest(room.id)!)).toEqual(shared(plain.latest(room.id)!));
    }
    // Patches, not snapshots, after the join; the plain client got snapshots only.
    expect(patched.patches.length).toBeGreaterThanOrEqual(steps.length);
    expect(plain.patches).toHaveLength(0);
    expect(patched.latest(room.id)!.myVote).toBe('5');
    // Before the reveal bob's patches never named carol's card, nor carol's his.
    const hidden = patched.patches.filter((patch) => patch.version <= room.version + 3);
    expect(JSON.stringify(hidden)).not.toContain('"3"');
    const patchBytes = patched.patches.map((patch) => JSON.stringify(patch).length);
    const stateBytes = plain.states.map((state) => JSON.stringify(state).length);
    expect(Math.max(...patchBytes)).toBeLessThan(Math.max(...stateBytes));
  });
});
