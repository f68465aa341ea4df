import {
  roomListAckDataSchema,
  roomListChangedSchema,
  ServerEvent,
  type RoomListChangedPayload,
  type RoomSummary,
} from '@poker/shared';
import { SEED_USERS, STORY_POINTS_FIELD, type JiraSim } from '../../apps/jira-sim/src';
import type { PokerClient } from '../support/poker-client';
import { settingsRequest } from '../support/settings-api';
import { startStack, type Stack } from '../support/stack';

const { alice, bob, carol } = SEED_USERS;

/** Every `room:listChanged` a client receives, each checked against the shared schema. */
function listPushes(client: PokerClient): RoomListChangedPayload[] {
  const pushes: RoomListChangedPayload[] = [];
  client.socket.on(ServerEvent.roomListChanged, (payload: unknown) => {
    pushes.push(roomListChangedSchema.parse(payload));
  });
  return pushes;
}

/** Waits until some push satisfies `check`; fails with every push seen. */
async function pushed(
  pushes: RoomListChangedPayload[],
  check: (push: RoomListChangedPayload) => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<RoomListChangedPayload> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = pushes.find(check);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`No room:listChanged with ${what}; got ${JSON.stringify(pushes)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const summaryOf = (push: RoomListChangedPayload, roomId: string): RoomSummary | undefined =>
  push.rooms.find((room) => room.id === roomId);

describe('the room list: live pushes, the issue filter, one site only', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function list(client: PokerClient, payload: object = {}): Promise<RoomSummary[]> {
    const ack = await client.call('room:list', payload);
    if (!ack.ok) throw new Error(`room:list failed: ${ack.error.code} ${ack.error.message}`);
    return roomListAckDataSchema.parse(ack.data).rooms;
  }

  it('pushes a new room, members joining and going, and its removal to whoever lists the site', async () => {
    const site = await stack.site();
    const watcher = await stack.client(site, carol.accountId);
    const pushes = listPushes(watcher);
    expect(await list(watcher)).toEqual([]);

    const owner = await stack.client(site, alice.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Sprint 12',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1', 'PROJ-2'],
    });
    const created = await pushed(pushes, (p) => !!summaryOf(p, room.id), 'the new room');
    expect(summaryOf(created, room.id)).toMatchObject({
      name: 'Sprint 12',
      ownerAccountId: alice.accountId,
      issueCount: 2,
      memberAccountIds: [alice.accountId],
      memberCount: 1,
      onlineCount: 1,
    });

    const member = await stack.client(site, bob.accountId);
    await member.ok('room:join', { roomId: room.id });
    await pushed(
      pushes,
      (p) => summaryOf(p, room.id)?.onlineCount === 2 && summaryOf(p, room.id)?.memberCount === 2,
      'bob online',
    );
    // The ack agrees: members and who of them is online.
    const [listed] = await list(watcher);
    expect(listed).toMatchObject({ id: room.id, memberCount: 2, onlineCount: 2 });
    expect(listed.memberAccountIds).toEqual([alice.accountId, bob.accountId].sort());

    // A vote changes nothing the list shows: no push for it.
    const before = pushes.length;
    await member.ok('vote:cast', { roomId: room.id, value: '5' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(pushes.slice(before).filter((p) => summaryOf(p, room.id))).toEqual([]);

    await owner.ok('room:update', { roomId: room.id, name: 'Sprint 12 (renamed)' });
    await pushed(pushes, (p) => summaryOf(p, room.id)?.name === 'Sprint 12 (renamed)', 'the name');

    member.close();
    await pushed(pushes, (p) => summaryOf(p, room.id)?.onlineCount === 1, 'bob offline');

    await owner.ok('room:remove', { roomId: room.id });
    await pushed(pushes, (p) => p.removedRoomIds.includes(room.id), 'the removal');
    // Only account IDs: no display name of anyone travels in a push.
    const everything = JSON.stringify(pushes);
    for (const user of Object.values(SEED_USERS))
      expect(everything).not.toContain(user.displayName);
  });

  it("never tells one site's list about another site's rooms", async () => {
    const [ours, theirs] = [await stack.site(), await stack.site()];
    const watcher = await stack.client(ours, carol.accountId);
    const pushes = listPushes(watcher);
    await list(watcher);
    const stranger = await stack.client(theirs, alice.accountId);
    const { room: hidden } = await stranger.ok('room:create', {
      name: 'Theirs',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });
    const neighbour = await stack.client(ours, alice.accountId);
    const { room: visible } = await neighbour.ok('room:create', {
      name: 'Ours',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });
    await pushed(pushes, (p) => !!summaryOf(p, visible.id), 'our room');
    expect(JSON.stringify(pushes)).not.toContain(hidden.id);
    expect((await list(watcher)).map((room) => room.id)).toEqual([visible.id]);
    expect((await list(watcher, { issueKey: 'PROJ-1' })).map((room) => room.id)).toEqual([
      visible.id,
    ]);
  });

  async function siteWithField(): Promise<JiraSim> {
    const site = await stack.site();
    const response = await settingsRequest(stack.server.url, site, alice.accountId, {
      fieldId: STORY_POINTS_FIELD,
    });
    expect(response.status).toBe(200);
    return site;
  }

  it('finds the rooms holding an issue, with its saved estimate, and the last result for members only', async () => {
    const site = await siteWithField();
    const owner = await stack.client(site, alice.accountId);
    const voter = await stack.client(site, bob.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Refinement',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-3', 'PROJ-4'],
    });
    await owner.ok('room:create', {
      name: 'Elsewhere',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-5'],
    });
    await voter.ok('room:join', { roomId: room.id });
    await owner.ok('issue:select', { roomId: room.id, issueKey: 'PROJ-3' });
    await owner.ok('vote:cast', { roomId: room.id, value: '8' });
    await voter.ok('vote:cast', { roomId: room.id, value: '13' });

    // Not revealed yet: nobody learns anything of the round, members included.
    const hidden = await list(voter, { issueKey: 'proj-3' });
    expect(hidden.map((r) => r.id)).toEqual([room.id]);
    expect(hidden[0].issue).toEqual({
      issueKey: 'PROJ-3',
      savedValue: null,
      savedAt: null,
      savedRounds: null,
      savedConsensus: null,
      current: true,
      deckKind: 'fibonacci',
      lastResult: null,
    });

    await owner.ok('vote:reveal', { roomId: room.id });
    await owner.ok('estimate:save', { roomId: room.id, issueKey: 'PROJ-3', value: 13 });
    const [seen] = await list(voter, { issueKey: 'PROJ-3' });
    expect(seen.issue).toMatchObject({
      issueKey: 'PROJ-3',
      savedValue: 13,
      savedConsensus: false,
      current: true,
      // Round 2: choosing the issue in play again started a new round.
      lastResult: { round: 2, voteCount: 2, consensus: false },
    });
    // Someone of the site who is not in the room sees the saved record, not the result.
    const outsider = await stack.client(site, carol.accountId);
    const [theirs] = await list(outsider, { issueKey: 'PROJ-3' });
    expect(theirs.issue).toMatchObject({ savedValue: 13, lastResult: null });
    expect(JSON.stringify(theirs)).not.toContain('"8"');

    expect(await list(outsider, { issueKey: 'PROJ-9' })).toEqual([]);
  });

  it('says the deck kind with the issue, so a time deck’s saved hours read as a duration', async () => {
    const site = await siteWithField();
    const owner = await stack.client(site, alice.accountId);
    await owner.ok('room:create', {
      name: 'Hours',
      deck: { kind: 'time' },
      issueKeys: ['PROJ-7'],
    });
    const [held] = await list(owner, { issueKey: 'PROJ-7' });
    expect(held.issue).toMatchObject({ issueKey: 'PROJ-7', deckKind: 'time' });
  });

  it('refuses a list filter that is not an issue key, or any other field', async () => {
    const site = await stack.site();
    const client = await stack.client(site, alice.accountId);
    for (const payload of [
      { issueKey: 'not a key' },
      { issueKey: 'PROJ-1', name: 'x' },
      { q: 1 },
    ]) {
      const ack = await client.call('room:list', payload);
      expect(ack).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
  });
});
