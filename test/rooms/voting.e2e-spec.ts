import { encodeSymmetric } from 'atlassian-jwt';
import { clientAckSchema, roomSnapshotSchema, type RoomSnapshot } from '@poker/shared';
import { SEED_USERS, type JiraSim } from '../../apps/jira-sim/src';
import { PokerClient } from '../support/poker-client';
import { startStack, tenantRows, type Stack } from '../support/stack';

const { alice, bob, carol, dave } = SEED_USERS;

describe('live rooms: the voting protocol', () => {
  let stack: Stack;
  let site: JiraSim;
  let owner: PokerClient;
  let voter: PokerClient;
  let observer: PokerClient;

  beforeAll(async () => {
    stack = await startStack({ OWNER_TAKEOVER_SECONDS: '1' });
    site = await stack.site();
  });
  afterAll(() => stack.close());

  beforeEach(async () => {
    owner = await stack.client(site, alice.accountId);
    voter = await stack.client(site, bob.accountId);
    observer = await stack.client(site, carol.accountId);
  });
  afterEach(() => [owner, voter, observer].forEach((c) => c.close()));

  async function roomWithPeople(options: { autoReveal?: boolean } = {}): Promise<RoomSnapshot> {
    const { room } = await owner.ok('room:create', {
      name: 'Sprint 42',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
      ...options,
    });
    await voter.ok('room:join', { roomId: room.id });
    await observer.ok('room:join', { roomId: room.id, role: 'observer' });
    return room;
  }

  it('creates a room whose creator is its joined owner, with the first issue in play', async () => {
    const { room } = await owner.ok('room:create', {
      name: 'Planning',
      deck: { kind: 't-shirt' },
      issueKeys: ['proj-3', 'PROJ-4'],
    });
    expect(roomSnapshotSchema.parse(room)).toBeTruthy();
    expect(room).toMatchObject({
      name: 'Planning',
      version: 2,
      ownerAccountId: alice.accountId,
      currentIssueKey: 'PROJ-3',
      round: 1,
      revealed: false,
      votes: null,
      stats: null,
      myVote: null,
    });
    expect(room.issues.map((i) => i.issueKey)).toEqual(['PROJ-3', 'PROJ-4']);
    expect(room.members).toEqual([
      { accountId: alice.accountId, role: 'owner', online: true, hasVoted: false },
    ]);
    const { rooms } = await voter.ok('room:list', {});
    expect(rooms.find((r) => r.id === room.id)).toMatchObject({
      name: 'Planning',
      issueCount: 2,
      ownerAccountId: alice.accountId,
    });
  });

  it('hides vote values until the owner reveals, then shows them with statistics', async () => {
    const room = await roomWithPeople();
    const cast = await voter.ok('vote:cast', { roomId: room.id, value: '8' });
    expect(cast.room.myVote).toBe('8');
    expect(cast.room.votes).toBeNull();
    await owner.ok('vote:cast', { roomId: room.id, value: '5' });

    const seenByObserver = await observer.waitForState(
      (r) => r.id === room.id && r.members.filter((m) => m.hasVoted).length === 2,
    );
    expect(seenByObserver.votes).toBeNull();
    expect(seenByObserver.stats).toBeNull();
    expect(JSON.stringify(seenByObserver)).not.toMatch(/"8"/);
    const seenByVoter = await voter.waitForState(
      (r) => r.id === room.id && r.version === seenByObserver.version,
    );
    expect(seenByVoter.myVote).toBe('8');

    const { room: revealed } = await owner.ok('vote:reveal', { roomId: room.id });
    expect(revealed.revealed).toBe(true);
    expect(revealed.votes).toEqual(
      expect.arrayContaining([
        { accountId: alice.accountId, value: '5' },
        { accountId: bob.accountId, value: '8' },
      ]),
    );
    expect(revealed.stats).toMatchObject({
      average: 6.5,
      min: 5,
      max: 8,
      consensus: false,
      voteCount: 2,
    });
    expect(revealed.stats?.outliers).toEqual({
      lowest: [alice.accountId],
      highest: [bob.accountId],
    });
    const observed = await observer.waitForState((r) => r.id === room.id && r.revealed);
    expect(observed.votes).toHaveLength(2);
  });

  it('starts a new round on re-vote and keeps the previous round in history', async () => {
    const room = await roomWithPeople();
    await voter.ok('vote:cast', { roomId: room.id, value: '3' });
    await owner.ok('vote:reveal', { roomId: room.id });
    const { room: again } = await owner.ok('vote:reset', { roomId: room.id });
    expect(again).toMatchObject({ round: 2, revealed: false, votes: null, myVote: null });
    expect(again.members.every((m) => !m.hasVoted)).toBe(true);
    expect(again.history).toEqual([
      expect.objectContaining({
        issueKey: 'PROJ-1',
        round: 1,
        votes: [{ accountId: bob.accountId, value: '3' }],
      }),
    ]);
    const next = await owner.ok('issue:select', { roomId: room.id, issueKey: 'PROJ-2' });
    expect(next.room).toMatchObject({ currentIssueKey: 'PROJ-2', round: 1, history: [] });
  });

  it('lets a voter withdraw a vote and refuses cards outside the deck', async () => {
    const room = await roomWithPeople();
    await voter.ok('vote:cast', { roomId: room.id, value: '13' });
    const withdrawn = await voter.ok('vote:cast', { roomId: room.id, value: null });
    expect(withdrawn.room.myVote).toBeNull();
    expect(withdrawn.room.members.find((m) => m.accountId === bob.accountId)?.hasVoted).toBe(false);
    const bad = await voter.call('vote:cast', { roomId: room.id, value: 'XL' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('never lets an observer vote', async () => {
    const room = await roomWithPeople();
    const ack = await observer.call('vote:cast', { roomId: room.id, value: '5' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const state = await owner.ok('room:join', { roomId: room.id });
    expect(state.room.members.find((m) => m.accountId === carol.accountId)).toMatchObject({
      role: 'observer',
      hasVoted: false,
    });
  });

  it('reveals by itself when every online voter has voted (auto-reveal)', async () => {
    const room = await roomWithPeople({ autoReveal: true });
    const first = await owner.ok('vote:cast', { roomId: room.id, value: '2' });
    expect(first.room.revealed).toBe(false);
    const last = await voter.ok('vote:cast', { roomId: room.id, value: '2' });
    expect(last.room.revealed).toBe(true);
    expect(last.room.stats).toMatchObject({ consensus: true, suggested: '2' });
  });

  it('reveals when the server-side timer runs out', async () => {
    const room = await roomWithPeople();
    await voter.ok('vote:cast', { roomId: room.id, value: '5' });
    const { room: timed } = await owner.ok('timer:start', { roomId: room.id, seconds: 5 });
    expect(Date.parse(timed.timerEndsAt!)).toBeGreaterThan(Date.now() + 3000);
    const revealed = await observer.waitForState((r) => r.id === room.id && r.revealed, 8000);
    expect(revealed.timerEndsAt).toBeNull();
    expect(revealed.votes).toEqual([{ accountId: bob.accountId, value: '5' }]);
  });

  it('stops a timer on request', async () => {
    const room = await roomWithPeople();
    await owner.ok('timer:start', { roomId: room.id, seconds: 5 });
    const { room: stopped } = await owner.ok('timer:stop', { roomId: room.id });
    expect(stopped.timerEndsAt).toBeNull();
  });

  it('answers FORBIDDEN to every owner-only event from a member', async () => {
    const room = await roomWithPeople();
    const before = await tenantRows(stack.server, site.clientKey);
    const attempts: [string, object][] = [
      ['vote:reveal', { roomId: room.id }],
      ['vote:reset', { roomId: room.id }],
      ['issue:select', { roomId: room.id, issueKey: 'PROJ-2' }],
      ['issue:add', { roomId: room.id, issueKeys: ['PROJ-5'] }],
      ['issue:remove', { roomId: room.id, issueKeys: ['PROJ-1'] }],
      ['room:update', { roomId: room.id, name: 'Mine now' }],
      ['timer:start', { roomId: room.id }],
      ['timer:stop', { roomId: room.id }],
      ['estimate:save', { roomId: room.id, issueKey: 'PROJ-1', value: 3 }],
      ['room:transfer', { roomId: room.id, accountId: bob.accountId }],
      ['room:remove', { roomId: room.id }],
    ];
    for (const [event, payload] of attempts) {
      const ack = await voter.call(event as 'vote:reveal', payload);
      expect({ event, ack }).toMatchObject({
        event,
        ack: { ok: false, error: { code: 'FORBIDDEN' } },
      });
    }
    expect(await tenantRows(stack.server, site.clientKey)).toBe(before);
  });

  it('answers malformed payloads with BAD_REQUEST and changes nothing', async () => {
    const room = await roomWithPeople();
    const before = await tenantRows(stack.server, site.clientKey);
    const bad: [string, unknown][] = [
      ['room:create', { name: '', deck: { kind: 'fibonacci' } }],
      ['room:create', { name: 'x', deck: { kind: 'nope' } }],
      ['room:create', { name: 'x', deck: { kind: 'fibonacci' }, issueKeys: ['not a key'] }],
      ['room:join', { roomId: 'not-a-uuid' }],
      ['vote:cast', { roomId: room.id }],
      ['vote:cast', { roomId: room.id, value: 5 }],
      ['vote:cast', { roomId: room.id, value: '5', extra: true }],
      ['vote:cast', JSON.parse(`{"roomId":"${room.id}","value":"5","__proto__":{"admin":true}}`)],
      ['timer:start', { roomId: room.id, seconds: 1 }],
      ['estimate:save', { roomId: room.id, issueKey: 'PROJ-1', value: 'five' }],
      ['vote:cast', 'just a string'],
      ['vote:cast', null],
    ];
    for (const [event, payload] of bad) {
      const ack = await voter.call(event as 'vote:cast', payload);
      expect(clientAckSchema('vote:cast').safeParse(ack).success || ack.ok === false).toBe(true);
      expect({ event, payload, ack }).toMatchObject({
        ack: { ok: false, error: { code: 'BAD_REQUEST' } },
      });
    }
    expect(await tenantRows(stack.server, site.clientKey)).toBe(before);
  });

  it('transfers ownership, and lets a member take over only after the owner was long offline', async () => {
    const room = await roomWithPeople();
    const refused = await voter.call('room:transfer', {
      roomId: room.id,
      accountId: bob.accountId,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const { room: moved } = await owner.ok('room:transfer', {
      roomId: room.id,
      accountId: bob.accountId,
    });
    expect(moved.ownerAccountId).toBe(bob.accountId);
    expect(moved.members.find((m) => m.accountId === alice.accountId)?.role).toBe('voter');
    const nowOwner = await voter.ok('vote:reveal', { roomId: room.id });
    expect(nowOwner.room.revealed).toBe(true);

    // Bob (now owner) goes away; Alice may take over once he has been offline long enough.
    voter.close();
    await owner.waitForState(
      (r) => r.id === room.id && r.members.some((m) => m.accountId === bob.accountId && !m.online),
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const refusedForOthers = await observer.call('room:transfer', {
      roomId: room.id,
      accountId: alice.accountId,
    });
    expect(refusedForOthers).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const { room: takenOver } = await owner.ok('room:transfer', {
      roomId: room.id,
      accountId: alice.accountId,
    });
    expect(takenOver.ownerAccountId).toBe(alice.accountId);
  });

  it('treats several sockets of one account as one participant', async () => {
    const room = await roomWithPeople();
    const secondTab = await stack.client(site, bob.accountId);
    const { room: joined } = await secondTab.ok('room:join', { roomId: room.id });
    expect(joined.members.filter((m) => m.accountId === bob.accountId)).toHaveLength(1);
    await voter.ok('vote:cast', { roomId: room.id, value: '21' });
    const mirrored = await secondTab.waitForState((r) => r.id === room.id && r.myVote === '21');
    expect(mirrored.members.filter((m) => m.hasVoted)).toHaveLength(1);
    secondTab.close();
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Closing one of two tabs does not take Bob offline.
    const latest = owner.latest(room.id)!;
    expect(latest.members.find((m) => m.accountId === bob.accountId)?.online).toBe(true);
  });

  it('shows a member offline once their last socket leaves', async () => {
    const room = await roomWithPeople();
    voter.close();
    const state = await owner.waitForState(
      (r) => r.id === room.id && r.members.some((m) => m.accountId === bob.accountId && !m.online),
    );
    expect(state.members.find((m) => m.accountId === alice.accountId)?.online).toBe(true);
  });

  it('lets a member leave: their card and membership go, the owner stays owner', async () => {
    const room = await roomWithPeople();
    await voter.ok('vote:cast', { roomId: room.id, value: '8' });
    await voter.ok('room:leave', { roomId: room.id });
    const after = await owner.waitForState(
      (r) => r.id === room.id && !r.members.some((m) => m.accountId === bob.accountId),
    );
    expect(after.members.some((m) => m.hasVoted)).toBe(false);
    const rows = await stack.server.db.query(
      `SELECT (SELECT count(*) FROM room_member WHERE room_id = $1 AND account_id = $2)::int AS members,
              (SELECT count(*) FROM vote WHERE room_id = $1 AND account_id = $2)::int AS votes`,
      [room.id, bob.accountId],
    );
    expect(rows).toEqual([{ members: 0, votes: 0 }]);

    await owner.ok('room:leave', { roomId: room.id });
    const left = await observer.waitForState(
      (r) =>
        r.id === room.id && r.members.some((m) => m.accountId === alice.accountId && !m.online),
    );
    expect(left.ownerAccountId).toBe(alice.accountId);
    expect(left.members.find((m) => m.accountId === alice.accountId)?.role).toBe('owner');
  });

  it('does not show a member offline for a connection that comes straight back', async () => {
    const room = await roomWithPeople();
    const before = owner.latest(room.id)!.version;
    voter.socket.io.engine.close();
    await waitFor(() => voter.reconnects > 0 && voter.socket.connected);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const seen = owner.states.filter((r) => r.id === room.id && r.version > before);
    const bobOffline = seen.some((r) =>
      r.members.some((m) => m.accountId === bob.accountId && !m.online),
    );
    expect(bobOffline).toBe(false);
    expect(owner.latest(room.id)!.members.find((m) => m.accountId === bob.accountId)?.online).toBe(
      true,
    );
  });

  it('removes a room: every socket hears it, every row is gone, later events get NOT_FOUND', async () => {
    const room = await roomWithPeople();
    await voter.ok('vote:cast', { roomId: room.id, value: '3' });
    await owner.ok('room:remove', { roomId: room.id });
    for (const client of [voter, observer]) {
      await waitFor(() => client.removed.includes(room.id));
    }
    const counts = await stack.server.db.query(
      `SELECT (SELECT count(*) FROM room WHERE id = $1)::int AS rooms,
              (SELECT count(*) FROM room_member WHERE room_id = $1)::int AS members,
              (SELECT count(*) FROM room_issue WHERE room_id = $1)::int AS issues,
              (SELECT count(*) FROM vote WHERE room_id = $1)::int AS votes`,
      [room.id],
    );
    expect(counts[0]).toEqual({ rooms: 0, members: 0, issues: 0, votes: 0 });
    const later = await voter.call('vote:cast', { roomId: room.id, value: '5' });
    expect(later).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  /** The tenant's rows once no change has landed for longer than the offline grace (1 s). */
  async function quietRows(): Promise<string> {
    let rows = await tenantRows(stack.server, site.clientKey);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const again = await tenantRows(stack.server, site.clientKey);
      if (again === rows) return rows;
      rows = again;
    }
  }

  it('answers NOT_FOUND to another tenant for every event on a room, changing nothing', async () => {
    const room = await roomWithPeople();
    const otherSite = await stack.site();
    const intruder = await stack.client(otherSite, dave.accountId);
    // The previous test's sockets closed (afterEach): a second later their members go offline
    // in its room, a change of this tenant's rows that must not land between before and after.
    const before = await quietRows();
    const events: [string, object][] = [
      ['room:join', { roomId: room.id }],
      ['vote:cast', { roomId: room.id, value: '5' }],
      ['vote:reveal', { roomId: room.id }],
      ['room:update', { roomId: room.id, name: 'x' }],
      ['room:remove', { roomId: room.id }],
      ['issue:add', { roomId: room.id, issueKeys: ['PROJ-9'] }],
      ['estimate:save', { roomId: room.id, issueKey: 'PROJ-1', value: 1 }],
      ['room:transfer', { roomId: room.id, accountId: dave.accountId }],
    ];
    for (const [event, payload] of events) {
      const ack = await intruder.call(event as 'room:join', payload);
      expect({ event, ack }).toMatchObject({ ack: { ok: false, error: { code: 'NOT_FOUND' } } });
    }
    const { rooms } = await intruder.ok('room:list', {});
    expect(rooms.map((r) => r.id)).not.toContain(room.id);
    expect(intruder.states).toHaveLength(0);
    expect(await tenantRows(stack.server, site.clientKey)).toBe(before);
  });

  it('refuses a handshake without a valid, unexpired context token, saying why', async () => {
    await expect(PokerClient.connect(stack.server.url, 'garbage')).rejects.toThrow(
      /UNAUTHENTICATED/,
    );
    await expect(
      PokerClient.connect(
        stack.server.url,
        site.contextToken(bob.accountId, { expiresInSec: -300 }),
      ),
    ).rejects.toThrow(/expired/);
    const now = Math.floor(Date.now() / 1000);
    const requestToken = encodeSymmetric(
      { iss: site.clientKey, sub: bob.accountId, iat: now, exp: now + 60, qsh: 'a'.repeat(64) },
      site.state.installation!.sharedSecret,
    );
    await expect(PokerClient.connect(stack.server.url, requestToken)).rejects.toThrow(
      /context-qsh/,
    );
    await expect(
      PokerClient.connect(stack.server.url, site.appToken('GET', '/poker')),
    ).rejects.toThrow(/Unknown installation/);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
