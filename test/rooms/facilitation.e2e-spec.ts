import { voterOf, votingProgress, type RoomSnapshot } from '@poker/shared';
import { SEED_USERS, type JiraSim } from '../../apps/jira-sim/src';
import type { PokerClient } from '../support/poker-client';
import { startStack, type Stack } from '../support/stack';

const { alice, bob, carol, dave } = SEED_USERS;

/** Resolves with the payloads of `event` this socket receives (collected from now on). */
function collect<T>(client: PokerClient, event: string): T[] {
  const received: T[] = [];
  client.socket.on(event, (payload: T) => received.push(payload));
  return received;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live rooms: facilitation (issue 15)', () => {
  let stack: Stack;
  let site: JiraSim;
  let owner: PokerClient;
  let voter: PokerClient;
  let other: PokerClient;

  beforeAll(async () => {
    stack = await startStack({ OWNER_TAKEOVER_SECONDS: '1' });
    site = await stack.site();
  });
  afterAll(() => stack.close());

  beforeEach(async () => {
    owner = await stack.client(site, alice.accountId);
    voter = await stack.client(site, bob.accountId);
    other = await stack.client(site, carol.accountId);
  });
  afterEach(() => [owner, voter, other].forEach((client) => client.close()));

  async function room(options: { autoReveal?: boolean } = {}): Promise<RoomSnapshot> {
    const created = await owner.ok('room:create', {
      name: 'Facilitated',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2', 'PROJ-3'],
      ...options,
    });
    await voter.ok('room:join', { roomId: created.room.id });
    const { room: joined } = await other.ok('room:join', { roomId: created.room.id });
    return joined;
  }

  it('an owner who observes is ignored by auto-reveal and by "N of M voted"', async () => {
    const { id: roomId } = await room({ autoReveal: true });
    const { room: observing } = await owner.ok('room:update', { roomId, ownerVotes: false });
    expect(observing.ownerVotes).toBe(false);
    expect(votingProgress(observing)).toEqual({ voted: 0, voters: 2 });
    const refused = await owner.call('vote:cast', { roomId, value: '3' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Only the owner chooses: a voter asking is refused.
    const notYours = await voter.call('room:update', { roomId, ownerVotes: true });
    expect(notYours).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await voter.ok('vote:cast', { roomId, value: '5' });
    const { room: last } = await other.ok('vote:cast', { roomId, value: '8' });
    expect(last.revealed).toBe(true);
    expect(last.votes?.map((vote) => voterOf(vote)).sort()).toEqual(
      [bob.accountId, carol.accountId].sort(),
    );
  });

  it('a co-facilitator runs the round, but cannot remove the room or grant others', async () => {
    const { id: roomId, version } = await room();
    const outsider = await voter.call('facilitator:grant', { roomId, accountId: dave.accountId });
    expect(outsider).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const stranger = await owner.call('facilitator:grant', { roomId, accountId: dave.accountId });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await owner.ok('room:join', { roomId })).room.version).toBe(version + 1);

    const { room: granted } = await owner.ok('facilitator:grant', {
      roomId,
      accountId: bob.accountId,
    });
    expect(granted.facilitatorAccountIds).toEqual([bob.accountId]);
    await other.ok('vote:cast', { roomId, value: '3' });
    expect((await voter.ok('vote:reveal', { roomId })).room.revealed).toBe(true);
    expect((await voter.ok('vote:reset', { roomId })).room.round).toBe(2);
    await voter.ok('timer:start', { roomId, seconds: 60 });
    await voter.ok('room:update', { roomId, autoAdvance: true });
    await voter.ok('issue:select', { roomId, issueKey: 'PROJ-2' });
    const remove = await voter.call('room:remove', { roomId });
    expect(remove).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const grantOthers = await voter.call('facilitator:grant', {
      roomId,
      accountId: carol.accountId,
    });
    expect(grantOthers).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const transfer = await voter.call('room:transfer', { roomId, accountId: bob.accountId });
    expect(transfer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const { room: revoked } = await owner.ok('facilitator:revoke', {
      roomId,
      accountId: bob.accountId,
    });
    expect(revoked.facilitatorAccountIds).toEqual([]);
    const after = await voter.call('vote:reveal', { roomId });
    expect(after).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('kick removes the member and their card; their socket can do nothing more; they may rejoin', async () => {
    const { id: roomId } = await room();
    await other.ok('vote:cast', { roomId, value: '5' });
    const kicked = collect<{ roomId: string; blocked: boolean }>(other, 'member:kicked');
    const { room: after } = await owner.ok('member:kick', { roomId, accountId: carol.accountId });
    expect(after.members.map((m) => m.accountId)).not.toContain(carol.accountId);
    expect(after.members.some((m) => m.hasVoted)).toBe(false);
    await voter.waitForState((r) => r.id === roomId && r.version === after.version);
    await sleep(100);
    expect(kicked).toEqual([{ roomId, blocked: false }]);
    // Nothing of the room reaches the removed socket any more, and nothing it sends counts.
    const statesBefore = other.states.length;
    await voter.ok('vote:cast', { roomId, value: '8' });
    await sleep(200);
    expect(other.states.length).toBe(statesBefore);
    const vote = await other.call('vote:cast', { roomId, value: '8' });
    expect(vote).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const nudge = await other.call('member:nudge', { roomId });
    expect(nudge).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Not blocked: joining again works.
    const { room: back } = await other.ok('room:join', { roomId });
    expect(back.members.map((m) => m.accountId)).toContain(carol.accountId);
  });

  it('kick with block keeps the member out until the room is removed', async () => {
    const { id: roomId } = await room();
    const kicked = collect<{ roomId: string; blocked: boolean }>(other, 'member:kicked');
    await owner.ok('member:kick', { roomId, accountId: carol.accountId, block: true });
    const again = await other.call('room:join', { roomId });
    expect(again).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(kicked).toEqual([{ roomId, blocked: true }]);
    const statesBefore = other.states.length;
    await voter.ok('vote:cast', { roomId, value: '8' });
    await sleep(200);
    expect(other.states.length).toBe(statesBefore);
  });

  it('refuses to kick the owner or yourself, or bad payloads, and changes nothing', async () => {
    const { id: roomId } = await room();
    await owner.ok('facilitator:grant', { roomId, accountId: bob.accountId });
    const { room: before } = await owner.ok('room:join', { roomId });
    const cases: [PokerClient, unknown, string][] = [
      [voter, { roomId, accountId: alice.accountId }, 'FORBIDDEN'],
      [owner, { roomId, accountId: alice.accountId }, 'BAD_REQUEST'],
      [owner, { roomId, accountId: dave.accountId }, 'NOT_FOUND'],
      [other, { roomId, accountId: bob.accountId }, 'FORBIDDEN'],
      [owner, { roomId, accountId: carol.accountId, block: 'yes' }, 'BAD_REQUEST'],
      [owner, { roomId, accountId: carol.accountId, extra: 1 }, 'BAD_REQUEST'],
      [owner, { roomId }, 'BAD_REQUEST'],
    ];
    for (const [client, payload, code] of cases) {
      const ack = await client.call('member:kick', payload);
      expect({ payload, ack }).toMatchObject({ payload, ack: { ok: false, error: { code } } });
    }
    const { room: after } = await owner.ok('room:join', { roomId });
    expect(after.version).toBe(before.version + 1);
    expect(after.members.map((m) => m.accountId)).toEqual(before.members.map((m) => m.accountId));
  });

  it('skip moves to the next issue and marks the skipped one, not estimated', async () => {
    const { id: roomId } = await room();
    await voter.ok('vote:cast', { roomId, value: '3' });
    const { room: skipped } = await owner.ok('issue:skip', { roomId, issueKey: 'PROJ-1' });
    expect(skipped).toMatchObject({ currentIssueKey: 'PROJ-2', revealed: false });
    expect(skipped.skippedIssueKeys).toEqual(['PROJ-1']);
    expect(skipped.issues.find((i) => i.issueKey === 'PROJ-1')?.savedValue).toBeNull();
    const twice = await owner.call('issue:skip', { roomId, issueKey: 'PROJ-1' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const seen = await other.waitForState((r) => r.id === roomId && r.currentIssueKey === 'PROJ-2');
    expect(seen.skippedIssueKeys).toEqual(['PROJ-1']);
    const { room: back } = await owner.ok('issue:select', { roomId, issueKey: 'PROJ-1' });
    expect(back.skippedIssueKeys).toEqual([]);
  });

  it('nudge reaches only the online voters who have not voted, at most once in a while', async () => {
    const { id: roomId } = await room();
    const observer = await stack.client(site, dave.accountId);
    try {
      await observer.ok('room:join', { roomId, role: 'observer' });
      await other.ok('vote:cast', { roomId, value: '5' });
      const toVoter = collect<{ roomId: string; byAccountId: string }>(voter, 'member:nudged');
      const toOther = collect(other, 'member:nudged');
      const toObserver = collect(observer, 'member:nudged');
      const toOwner = collect(owner, 'member:nudged');
      const refused = await voter.call('member:nudge', { roomId });
      expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      // The owner votes too but is the one nudging: only bob is waited for.
      expect(await owner.ok('member:nudge', { roomId })).toEqual({ nudged: 1 });
      await sleep(200);
      expect(toVoter).toEqual([{ roomId, byAccountId: alice.accountId }]);
      expect([toOther, toObserver, toOwner]).toEqual([[], [], []]);
      const again = await owner.call('member:nudge', { roomId });
      expect(again).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    } finally {
      observer.close();
    }
  });

  it('the takeover time appears once the owner is offline, and a member may take over then', async () => {
    const { id: roomId } = await room();
    expect(voter.latest(roomId)?.takeoverAt ?? null).toBeNull();
    owner.close();
    const seen = await voter.waitForState(
      (r) =>
        r.id === roomId && r.members.find((m) => m.accountId === alice.accountId)?.online === false,
    );
    expect(seen.takeoverAt).toEqual(expect.any(String));
    const wait = new Date(seen.takeoverAt ?? 0).getTime() - Date.now();
    await sleep(Math.max(0, wait) + 100);
    const { room: taken } = await voter.ok('room:transfer', { roomId, accountId: bob.accountId });
    expect(taken.ownerAccountId).toBe(bob.accountId);
  });

  describe('auto-reveal at the edges', () => {
    async function waitingForCarol(): Promise<string> {
      const { id: roomId } = await room({ autoReveal: true });
      await owner.ok('vote:cast', { roomId, value: '3' });
      const { room: voted } = await voter.ok('vote:cast', { roomId, value: '5' });
      expect(voted.revealed).toBe(false);
      expect(votingProgress(voted)).toEqual({ voted: 2, voters: 3 });
      return roomId;
    }

    it('fires when the last missing voter leaves', async () => {
      const roomId = await waitingForCarol();
      await other.ok('room:leave', { roomId });
      const seen = await owner.waitForState((r) => r.id === roomId && r.revealed);
      expect(seen.votes).toHaveLength(2);
    });

    it('fires when the last missing voter switches to observer', async () => {
      const roomId = await waitingForCarol();
      const { room: observing } = await other.ok('room:join', { roomId, role: 'observer' });
      expect(observing.revealed).toBe(true);
    });

    it('fires when the last missing voter goes offline past the grace period', async () => {
      const roomId = await waitingForCarol();
      other.close();
      const seen = await owner.waitForState((r) => r.id === roomId && r.revealed, 5000);
      expect(seen.members.find((m) => m.accountId === carol.accountId)?.online).toBe(false);
    });

    it('fires when the switch is turned on with every online voter already voted', async () => {
      const { id: roomId } = await room();
      await owner.ok('vote:cast', { roomId, value: '3' });
      await voter.ok('vote:cast', { roomId, value: '5' });
      await other.ok('vote:cast', { roomId, value: '8' });
      const { room: on } = await owner.ok('room:update', { roomId, autoReveal: true });
      expect(on.revealed).toBe(true);
    });

    it('counts online voters only in "N of M voted"', async () => {
      const roomId = await waitingForCarol();
      voter.close();
      const seen = await owner.waitForState(
        (r) =>
          r.id === roomId && r.members.find((m) => m.accountId === bob.accountId)?.online === false,
      );
      expect(votingProgress(seen)).toEqual({ voted: 1, voters: 2 });
      expect(seen.revealed).toBe(false);
    });
  });
});
