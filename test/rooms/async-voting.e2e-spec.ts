import type { RoomSnapshot } from '@poker/shared';
import {
  generateInstallKeys,
  SEED_USERS,
  startJiraSim,
  STORY_POINTS_FIELD,
  type JiraSim,
} from '../../apps/jira-sim/src';
import { freePort } from '../../apps/server/src/database/embedded-postgres';
import { AccountEraser } from '../../apps/server/src/privacy/account-eraser.service';
import { tenantIdOf } from '../privacy/privacy-support';
import { PokerClient } from '../support/poker-client';
import { startRedis, type RedisServer } from '../support/redis-server';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { settingsRequest } from '../support/settings-api';
import { startStack, type Stack } from '../support/stack';
import { startBalancer, type Balancer } from '../support/tcp-balancer';

const { alice, bob, carol, dave } = SEED_USERS;

interface VoteDbRow {
  issue_key: string;
  round: number;
  account_id: string;
  value: string;
}

describe('live rooms: async voting (issue 15)', () => {
  let stack: Stack;
  let site: JiraSim;
  let owner: PokerClient;
  let voter: PokerClient;
  let other: PokerClient;

  beforeAll(async () => {
    stack = await startStack();
    site = await stack.site();
    const response = await settingsRequest(stack.server.url, site, alice.accountId, {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(response.status).toBe(200);
  });
  afterAll(() => stack.close());

  beforeEach(async () => {
    owner = await stack.client(site, alice.accountId);
    voter = await stack.client(site, bob.accountId, { patches: true });
    other = await stack.client(site, carol.accountId);
  });
  afterEach(() => [owner, voter, other].forEach((client) => client.close()));

  const votesOf = (roomId: string) =>
    stack.server.db.query<VoteDbRow[]>(
      'SELECT issue_key, round, account_id, value FROM vote WHERE room_id = $1 ORDER BY issue_key, account_id',
      [roomId],
    );

  async function room(open = true): Promise<RoomSnapshot> {
    const created = await owner.ok('room:create', {
      name: 'Ahead of the meeting',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2', 'PROJ-3'],
    });
    const roomId = created.room.id;
    await voter.ok('room:join', { roomId });
    const { room: joined } = await other.ok('room:join', { roomId });
    if (!open) return joined;
    return (await owner.ok('room:update', { roomId, asyncVoting: true })).room;
  }

  it('a facilitator opens the room; members vote ahead, hidden from everyone but themselves', async () => {
    const { id: roomId, version } = await room(false);
    const closed = await voter.call('vote:cast', { roomId, issueKey: 'PROJ-2', value: '5' });
    expect(closed).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(closed.ok || closed.error.message).toContain('not open for voting ahead');
    const notYours = await voter.call('room:update', { roomId, asyncVoting: true });
    expect(notYours).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await owner.ok('room:join', { roomId })).room.version).toBe(version + 1);

    const { room: opened } = await owner.ok('room:update', { roomId, asyncVoting: true });
    expect(opened.asyncVoting).toBe(true);

    const { room: mine } = await voter.ok('vote:cast', { roomId, issueKey: 'PROJ-2', value: '5' });
    expect(mine.myAsyncVotes).toEqual({ 'PROJ-2': '5' });
    expect(mine.asyncVoted).toEqual({ 'PROJ-2': [bob.accountId] });
    // The round in play is untouched.
    expect(mine.myVote).toBeNull();
    expect(mine.members.every((m) => !m.hasVoted)).toBe(true);
    await voter.ok('vote:cast', { roomId, issueKey: 'PROJ-3', value: '8' });
    const { room: changed } = await voter.ok('vote:cast', {
      roomId,
      issueKey: 'PROJ-2',
      value: '13',
    });
    expect(changed.myAsyncVotes).toEqual({ 'PROJ-2': '13', 'PROJ-3': '8' });

    // Others see who voted, never the card; the voter's own patches carry their cards.
    const seen = await other.waitForState((r) => r.version === changed.version);
    expect(seen.asyncVoted).toEqual({ 'PROJ-2': [bob.accountId], 'PROJ-3': [bob.accountId] });
    expect(seen.myAsyncVotes).toBeUndefined();
    expect(JSON.stringify(seen)).not.toMatch(/"13"|"8"/);
    const own = await voter.waitForState((r) => r.version === changed.version);
    expect(own.myAsyncVotes).toEqual({ 'PROJ-2': '13', 'PROJ-3': '8' });

    const { room: withdrawn } = await voter.ok('vote:cast', {
      roomId,
      issueKey: 'PROJ-3',
      value: null,
    });
    expect(withdrawn.myAsyncVotes).toEqual({ 'PROJ-2': '13' });
    expect(withdrawn.asyncVoted).toEqual({ 'PROJ-2': [bob.accountId] });
    expect((await voter.waitForState((r) => r.version === withdrawn.version)).myAsyncVotes).toEqual(
      { 'PROJ-2': '13' },
    );
    // Ordinary votes on the issue in play, with or without its key, are today's votes.
    const { room: live } = await other.ok('vote:cast', { roomId, issueKey: 'PROJ-1', value: '3' });
    expect(live.myVote).toBe('3');
    expect(live.members.find((m) => m.accountId === carol.accountId)?.hasVoted).toBe(true);
    expect(await votesOf(roomId)).toEqual([
      { issue_key: 'PROJ-1', round: 1, account_id: carol.accountId, value: '3' },
      { issue_key: 'PROJ-2', round: 0, account_id: bob.accountId, value: '13' },
    ]);
  });

  it('refuses async votes on issues not queued, saved or removed, bad cards, and non-voters', async () => {
    const { id: roomId } = await room();
    const dave1 = await stack.client(site, dave.accountId);
    try {
      const refusals: [PokerClient, unknown, string, string][] = [
        [voter, { issueKey: 'PROJ-9', value: '5' }, 'NOT_FOUND', 'PROJ-9'],
        [dave1, { issueKey: 'PROJ-2', value: '5' }, 'FORBIDDEN', 'Join the room first'],
      ];
      const badCard = await voter.call('vote:cast', { roomId, issueKey: 'PROJ-2', value: 'XL' });
      expect(badCard).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      await owner.ok('estimate:save', { roomId, issueKey: 'PROJ-3', value: 5 });
      refusals.push([voter, { issueKey: 'PROJ-3', value: '5' }, 'CONFLICT', 'already estimated']);
      await voter.ok('vote:cast', { roomId, issueKey: 'PROJ-2', value: '5' });
      await owner.ok('issue:remove', { roomId, issueKeys: ['PROJ-2'] });
      // Removing the issue took its async card with it.
      expect(await votesOf(roomId)).toEqual([]);
      refusals.push([voter, { issueKey: 'PROJ-2', value: '3' }, 'NOT_FOUND', 'PROJ-2']);
      const { version } = (await owner.ok('room:join', { roomId })).room;
      for (const [client, payload, code, message] of refusals) {
        const ack = await client.call('vote:cast', { roomId, ...(payload as object) });
        expect(ack).toMatchObject({ ok: false, error: { code } });
        expect(ack.ok || ack.error.message).toContain(message);
      }
      await dave1.ok('room:join', { roomId, role: 'observer' });
      const observer = await dave1.call('vote:cast', { roomId, issueKey: 'PROJ-1', value: '5' });
      expect(observer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      // Nothing changed but the observer joining.
      expect((await owner.ok('room:join', { roomId })).room.version).toBe(version + 2);
      expect(await votesOf(roomId)).toEqual([]);
      // A kicked member cannot vote ahead any more, and their cards went with them.
      await other.ok('vote:cast', { roomId, issueKey: 'PROJ-1', value: '2' });
      await owner.ok('issue:select', { roomId, issueKey: 'PROJ-1' });
      await owner.ok('issue:add', { roomId, issueKeys: ['PROJ-4'] });
      await other.ok('vote:cast', { roomId, issueKey: 'PROJ-4', value: '2' });
      await owner.ok('member:kick', { roomId, accountId: carol.accountId });
      const kicked = await other.call('vote:cast', { roomId, issueKey: 'PROJ-4', value: '3' });
      expect(kicked).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect((await votesOf(roomId)).filter((v) => v.round === 0)).toEqual([]);
    } finally {
      dave1.close();
    }
  });

  it('selecting an issue makes its async cards the hidden cards of the round; reveal as usual', async () => {
    const { id: roomId } = await room();
    await voter.ok('vote:cast', { roomId, issueKey: 'PROJ-2', value: '5' });
    await other.ok('vote:cast', { roomId, issueKey: 'PROJ-2', value: '8' });
    const { room: selected } = await owner.ok('issue:select', { roomId, issueKey: 'PROJ-2' });
    expect(selected.currentIssueKey).toBe('PROJ-2');
    expect(selected.revealed).toBe(false);
    expect(selected.votes).toBeNull();
    expect(selected.asyncVoted).toBeUndefined();
    const voted = selected.members.filter((m) => m.hasVoted).map((m) => m.accountId);
    expect(voted.sort()).toEqual([bob.accountId, carol.accountId].sort());
    const bobs = await voter.waitForState((r) => r.version === selected.version);
    expect(bobs.myVote).toBe('5');
    expect(bobs.myAsyncVotes).toBeUndefined();
    const { room: revealed } = await owner.ok('vote:reveal', { roomId });
    expect(revealed.votes?.map((v) => v.value).sort()).toEqual(['5', '8']);
    expect(revealed.stats?.average).toBe(6.5);
    const rows = await votesOf(roomId);
    expect(rows.map((v) => [v.issue_key, v.round])).toEqual([
      ['PROJ-2', revealed.round],
      ['PROJ-2', revealed.round],
    ]);
  });

  it('an issue left unrevealed keeps its cards for later: skipped or another chosen, they wait hidden', async () => {
    const { id: roomId } = await room();
    await voter.ok('vote:cast', { roomId, issueKey: 'PROJ-2', value: '5' });
    await owner.ok('issue:select', { roomId, issueKey: 'PROJ-2' });
    await other.ok('vote:cast', { roomId, value: '8' });
    // Moved on without a reveal: both cards wait again as PROJ-2's hidden async cards.
    const { room: left } = await owner.ok('issue:select', { roomId, issueKey: 'PROJ-3' });
    expect(left.asyncVoted).toEqual({ 'PROJ-2': [bob.accountId, carol.accountId].sort() });
    expect(left.history).toEqual([]);
    const rows = (await votesOf(roomId)).map((v) => [v.issue_key, v.round, v.value]);
    expect(rows.sort((a, b) => String(a[2]).localeCompare(String(b[2])))).toEqual([
      ['PROJ-2', 0, '5'],
      ['PROJ-2', 0, '8'],
    ]);
    const bobs = await voter.waitForState((r) => r.version === left.version);
    expect(bobs.myAsyncVotes).toEqual({ 'PROJ-2': '5' });
    // Skipping keeps them too; taking PROJ-2 up again reveals both.
    await owner.ok('issue:skip', { roomId, issueKey: 'PROJ-3' });
    const { room: back } = await owner.ok('issue:select', { roomId, issueKey: 'PROJ-2' });
    expect(back.members.filter((m) => m.hasVoted)).toHaveLength(2);
    const { room: revealed } = await owner.ok('vote:reveal', { roomId });
    expect(revealed.votes?.map((v) => v.value).sort()).toEqual(['5', '8']);
  });

  it('accepts the agreed issues in one step, saving each into Jira; the others stay', async () => {
    const { id: roomId } = await room();
    for (const client of [owner, voter, other]) {
      await client.ok('vote:cast', { roomId, issueKey: 'PROJ-2', value: '5' });
    }
    await owner.ok('vote:cast', { roomId, issueKey: 'PROJ-3', value: '3' });
    await voter.ok('vote:cast', { roomId, issueKey: 'PROJ-3', value: '3' });
    await other.ok('vote:cast', { roomId, issueKey: 'PROJ-3', value: '5' });

    const refused = await voter.call('issue:acceptAgreed', { roomId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const preview = await owner.ok('issue:acceptAgreed', { roomId, preview: true });
    expect(preview).toEqual({
      accepted: [{ issueKey: 'PROJ-2', card: '5', value: 5 }],
      failed: [],
    });
    expect(site.issue('PROJ-2')?.fields[STORY_POINTS_FIELD]).not.toBe(5);

    const result = await owner.ok('issue:acceptAgreed', { roomId });
    expect(result.accepted).toEqual([{ issueKey: 'PROJ-2', card: '5', value: 5 }]);
    expect(result.failed).toEqual([]);
    expect(site.issue('PROJ-2')?.fields[STORY_POINTS_FIELD]).toBe(5);
    const saved = result.room?.issues.find((i) => i.issueKey === 'PROJ-2');
    expect(saved).toMatchObject({ savedValue: 5, savedRounds: 1, savedConsensus: true });
    // Its cards are its first round now (history); PROJ-3's stay hidden, ahead of the meeting.
    expect(result.room?.asyncVoted).toEqual({
      'PROJ-3': [alice.accountId, bob.accountId, carol.accountId].sort(),
    });
    const rows = await votesOf(roomId);
    expect(rows.filter((v) => v.issue_key === 'PROJ-2').map((v) => v.round)).toEqual([1, 1, 1]);
    expect(rows.filter((v) => v.issue_key === 'PROJ-3').map((v) => v.round)).toEqual([0, 0, 0]);
    // The record in Jira names the round's cards, as a save after a live round does.
    const { room: history } = await owner.ok('issue:select', { roomId, issueKey: 'PROJ-2' });
    expect(history.history[0]).toMatchObject({ issueKey: 'PROJ-2', round: 1 });
    expect(history.history[0].votes.map((v) => v.value)).toEqual(['5', '5', '5']);
  });

  it('reports the issues Jira refuses and accepts the others', async () => {
    // TEAM is team-managed: the site's Story Points field is not on its edit screen.
    const { room } = await owner.ok('room:create', {
      name: 'Mixed',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'TEAM-2', 'PROJ-6'],
    });
    const roomId = room.id;
    await voter.ok('room:join', { roomId });
    await owner.ok('room:update', { roomId, asyncVoting: true });
    for (const client of [owner, voter]) {
      await client.ok('vote:cast', { roomId, issueKey: 'TEAM-2', value: '3' });
      await client.ok('vote:cast', { roomId, issueKey: 'PROJ-6', value: '3' });
    }
    const result = await owner.ok('issue:acceptAgreed', { roomId });
    expect(result.accepted).toEqual([{ issueKey: 'PROJ-6', card: '3', value: 3 }]);
    expect(result.failed).toEqual([{ issueKey: 'TEAM-2', reason: expect.any(String) }]);
    expect(result.failed[0].reason).toContain('not on the edit screen of TEAM-2');
    expect(site.issue('PROJ-6')?.fields[STORY_POINTS_FIELD]).toBe(3);
    const team2 = result.room?.issues.find((i) => i.issueKey === 'TEAM-2');
    expect(team2?.savedValue).toBeNull();
    // Its cards stay, hidden, for the live session.
    expect(result.room?.asyncVoted?.['TEAM-2']).toHaveLength(2);
  });

  it('async votes go with the room and with an erased account', async () => {
    const { id: roomId } = await room();
    await voter.ok('vote:cast', { roomId, issueKey: 'PROJ-2', value: '5' });
    await other.ok('vote:cast', { roomId, issueKey: 'PROJ-2', value: '3' });
    await other.ok('vote:cast', { roomId, issueKey: 'PROJ-3', value: '3' });
    const tenantId = await tenantIdOf(stack.server.db, site.clientKey);
    await stack.server.app.get(AccountEraser).erase(tenantId, carol.accountId);
    expect(await votesOf(roomId)).toEqual([
      { issue_key: 'PROJ-2', round: 0, account_id: bob.accountId, value: '5' },
    ]);
    const { room: after } = await owner.ok('room:join', { roomId });
    expect(after.asyncVoted).toEqual({ 'PROJ-2': [bob.accountId] });

    await owner.ok('room:remove', { roomId });
    expect(await votesOf(roomId)).toEqual([]);
  });
});

/** An async card cast on node A shows as voted on node B, and stays hidden there. */
describe('async voting on two nodes', () => {
  let redis: RedisServer;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let viaA: Balancer;
  let viaB: Balancer;
  let site: JiraSim;
  const clients: PokerClient[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const keys = await generateInstallKeys();
    site = await startJiraSim({ installKeys: keys });
    const [portA, portB] = [await freePort(), await freePort()];
    viaA = await startBalancer(() => [portA, portB]);
    viaB = await startBalancer(() => [portB, portA]);
    const env = {
      APP_BASE_URL: viaA.url,
      REDIS_URL: redis.url,
      CONNECT_INSTALL_KEYS_URL: `${site.url}/install-keys`,
    };
    [nodeA, nodeB] = await Promise.all([
      startServerProcess({ ...env, PORT: String(portA) }),
      startServerProcess({ ...env, PORT: String(portB) }),
    ]);
    const installed = await site.install(`${viaA.url}/atlassian-connect.json`);
    expect(installed.status).toBe(204);
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await Promise.all([nodeA?.kill(), nodeB?.kill()]);
    await Promise.all([viaA?.close(), viaB?.close(), site?.close()]);
    await redis?.stop();
  });

  async function connect(balancer: Balancer, accountId: string): Promise<PokerClient> {
    const client = await PokerClient.connect(balancer.url, () => site.contextToken(accountId), {
      patches: true,
    });
    clients.push(client);
    return client;
  }

  it('casts on A, shows as voted on B, and the voter on B gets their own card', async () => {
    const owner = await connect(viaA, alice.accountId);
    const onA = await connect(viaA, bob.accountId);
    const onB = await connect(viaB, bob.accountId);
    const carolOnB = await connect(viaB, carol.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Two nodes, ahead',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
    });
    const roomId = room.id;
    await onA.ok('room:join', { roomId });
    await onB.ok('room:join', { roomId });
    await carolOnB.ok('room:join', { roomId });
    await owner.ok('room:update', { roomId, asyncVoting: true });
    const { room: cast } = await onA.ok('vote:cast', { roomId, issueKey: 'PROJ-2', value: '8' });
    const seen = await carolOnB.waitForState((r) => r.version >= cast.version);
    expect(seen.asyncVoting).toBe(true);
    expect(seen.asyncVoted).toEqual({ 'PROJ-2': [bob.accountId] });
    expect(seen.myAsyncVotes).toBeUndefined();
    const mine = await onB.waitForState((r) => r.version >= cast.version);
    expect(mine.myAsyncVotes).toEqual({ 'PROJ-2': '8' });
    // Node B decides on the rows A sent: a change made there keeps the card.
    const { room: onBNode } = await carolOnB.ok('vote:cast', {
      roomId,
      issueKey: 'PROJ-2',
      value: '8',
    });
    expect(onBNode.asyncVoted).toEqual({ 'PROJ-2': [bob.accountId, carol.accountId].sort() });
    const { room: selected } = await owner.ok('issue:select', { roomId, issueKey: 'PROJ-2' });
    expect(selected.members.filter((m) => m.hasVoted)).toHaveLength(2);
    expect((await onB.waitForState((r) => r.version >= selected.version)).myVote).toBe('8');
  });
});
