import type { MemberRole, RoomCreatePayload } from '@poker/shared';
import {
  actor,
  NOW,
  ROOM_ID,
  roomAggregate,
  TENANT_ID,
  type AggregateSpec,
} from './rules/room-aggregate.fixture';
import { memberOf } from './rules/room-aggregate';
import { ROOM_LIMITS } from './rules/room-limits';
import {
  clockAtNow,
  newTestService,
  TAKEOVER_SECONDS,
  testConnection,
  type TestService,
  expectNothingChanged,
  OTHER_TENANT,
  seededService,
  storedRows,
} from './testing/new-test-service';

const [alice, bob, dave] = ['alice', 'bob', 'dave'].map(actor);

const setUp = seededService;
const stored = storedRows;

describe('RoomsService', () => {
  clockAtNow();

  describe('create', () => {
    const payload: RoomCreatePayload = {
      name: 'Sprint 43',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-7', 'PROJ-8'],
      jql: 'sprint = 43',
      fieldId: 'customfield_10020',
    };

    it("stores the room with the owner in it, the issues as Jira gave them, and joins the owner's socket", async () => {
      const t = newTestService();
      t.issueQueue.resolve.mockResolvedValueOnce(['PROJ-7', 'PROJ-8', 'PROJ-9']);
      const connection = testConnection();
      const view = await t.rooms.create(alice, payload, connection);
      expect(t.issueQueue.resolve).toHaveBeenCalledWith(alice, payload.issueKeys, 'sprint = 43');
      expect(t.issueQueue.requireNumberField).toHaveBeenCalledWith(alice, 'customfield_10020');
      expect(view).toMatchObject({
        name: 'Sprint 43',
        ownerAccountId: 'alice',
        currentIssueKey: 'PROJ-7',
        round: 1,
        fieldId: 'customfield_10020',
        myVote: null,
      });
      expect(view.issues.map((i) => i.issueKey)).toEqual(['PROJ-7', 'PROJ-8', 'PROJ-9']);
      const rows = t.store.rows(TENANT_ID, view.id)!;
      expect(rows.members).toEqual([
        { roomId: view.id, accountId: 'alice', role: 'owner', lastSeenAt: NOW },
      ]);
      expect(connection.entered).toEqual([view.id]);
      expect(t.published.map((p) => p.snapshot.id)).toEqual([view.id]);
      expect(await t.rooms.list(alice)).toEqual([
        expect.objectContaining({ id: view.id, issueCount: 3 }),
      ]);
    });

    it(`refuses a site's room number ${ROOM_LIMITS.roomsPerTenant + 1}, and not another site's`, async () => {
      const t = newTestService();
      t.store.seed(
        ...Array.from({ length: ROOM_LIMITS.roomsPerTenant }, (_, i) =>
          roomAggregate({ room: { id: `room-${i}` } }),
        ),
      );
      const connection = testConnection();
      await expect(t.rooms.create(alice, payload, connection)).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining(`already has ${ROOM_LIMITS.roomsPerTenant} rooms`),
      });
      expect(connection.entered).toEqual([]);
      expect(t.published).toEqual([]);
      expect(await t.rooms.list(alice)).toHaveLength(ROOM_LIMITS.roomsPerTenant);
      const elsewhere = { tenantId: OTHER_TENANT, accountId: 'alice' };
      await expect(t.rooms.create(elsewhere, payload, testConnection())).resolves.toBeTruthy();
    });

    it("keeps the board's field of issues picked from a board, checked with Jira first", async () => {
      const t = newTestService();
      const issueFields = [{ issueKey: 'PROJ-8', fieldId: 'customfield_10026' }];
      const view = await t.rooms.create(alice, { ...payload, issueFields }, testConnection());
      expect(t.issueQueue.requireEstimateFields).toHaveBeenCalledWith(alice, issueFields);
      expect(view.issues.map((i) => [i.issueKey, i.fieldId])).toEqual([
        ['PROJ-7', null],
        ['PROJ-8', 'customfield_10026'],
      ]);
      expect(t.store.rows(TENANT_ID, view.id)!.issues[1].fieldId).toBe('customfield_10026');
    });

    it('stores nothing when a board field is refused', async () => {
      const t = newTestService();
      t.issueQueue.requireEstimateFields.mockRejectedValueOnce(new Error('not a number field'));
      const issueFields = [{ issueKey: 'PROJ-8', fieldId: 'summary' }];
      await expect(
        t.rooms.create(alice, { ...payload, issueFields }, testConnection()),
      ).rejects.toThrow();
      expect(await t.rooms.list(alice)).toEqual([]);
    });

    it('stores nothing when the estimate field is not a number field', async () => {
      const t = newTestService();
      t.issueQueue.requireNumberField.mockRejectedValueOnce(new Error('not a number field'));
      await expect(t.rooms.create(alice, payload, testConnection())).rejects.toThrow();
      expect(await t.rooms.list(alice)).toEqual([]);
    });
  });

  it("lists only the actor's site's rooms", async () => {
    const t = setUp();
    t.store.seed(roomAggregate({ room: { id: 'theirs', tenantId: OTHER_TENANT } }));
    expect((await t.rooms.list(alice)).map((r) => r.id)).toEqual([ROOM_ID]);
  });

  describe('join', () => {
    it('adds a newcomer, seen now, and lets their socket receive the room', async () => {
      const t = setUp();
      t.setOnline('alice', 'bob', 'carol', 'dave');
      const connection = testConnection();
      const view = await t.rooms.join(dave, { roomId: ROOM_ID }, connection);
      expect(view.members.find((m) => m.accountId === 'dave')).toEqual({
        accountId: 'dave',
        role: 'voter',
        online: true,
        hasVoted: false,
      });
      expect(memberOf(stored(t), 'dave')).toMatchObject({ role: 'voter', lastSeenAt: NOW });
      expect(connection.entered).toEqual([ROOM_ID]);
      // A join changes presence: every node is asked who is online.
      expect(t.presence.onlineAt).toHaveBeenCalledWith(ROOM_ID, 7, true);
      expect(t.published).toHaveLength(1);
    });

    it('refuses a full room before the socket receives anything of it', async () => {
      const members = Array.from(
        { length: ROOM_LIMITS.membersPerRoom },
        (_, i): [string, MemberRole] => (i === 0 ? ['alice', 'owner'] : [`m${i}`, 'voter']),
      );
      const t = setUp({ members });
      const connection = testConnection();
      await expectNothingChanged(
        t,
        t.rooms.join(dave, { roomId: ROOM_ID }, connection),
        'CONFLICT',
      );
      expect(connection.entered).toEqual([]);
      expect(connection.rooms.size).toBe(0);
    });

    it("refuses another site's actor, who receives nothing of the room", async () => {
      const t = setUp();
      const connection = testConnection();
      const intruder = { tenantId: OTHER_TENANT, accountId: 'dave' };
      await expectNothingChanged(
        t,
        t.rooms.join(intruder, { roomId: ROOM_ID }, connection),
        'NOT_FOUND',
      );
      expect(connection.rooms.size).toBe(0);
    });

    it('takes back the card of a voter who comes back as an observer', async () => {
      const t = setUp({ votes: [['bob', '5']] });
      const view = await t.rooms.join(bob, { roomId: ROOM_ID, role: 'observer' }, testConnection());
      expect(view.myVote).toBeNull();
      expect(view.members.find((m) => m.accountId === 'bob')).toMatchObject({
        role: 'observer',
        hasVoted: false,
      });
      expect(stored(t).votes).toEqual([]);
    });

    it("keeps a member's socket in the room when the store fails during a re-join", async () => {
      const t = setUp();
      const connection = testConnection();
      connection.rooms.add(ROOM_ID);
      jest.spyOn(t.store, 'withLock').mockRejectedValueOnce(new Error('database away'));
      await expect(t.rooms.join(bob, { roomId: ROOM_ID }, connection)).rejects.toThrow(
        'database away',
      );
      expect(connection.isIn(ROOM_ID)).toBe(true);
    });
  });

  describe('leave', () => {
    it('removes a member and their hidden card, and stops their socket receiving the room', async () => {
      const t = setUp({ votes: [['bob', '5']] });
      const connection = testConnection();
      connection.rooms.add(ROOM_ID);
      await t.rooms.leave(bob, ROOM_ID, connection);
      expect(connection.exited).toEqual([ROOM_ID]);
      expect(memberOf(stored(t), 'bob')).toBeUndefined();
      expect(stored(t).votes).toEqual([]);
      expect(t.published[0].snapshot.members.map((m) => m.accountId)).toEqual(['alice', 'carol']);
    });

    it('keeps the owner as owner, seen now', async () => {
      const t = setUp({
        members: [
          ['alice', 'owner', 60_000],
          ['bob', 'voter'],
        ],
      });
      await t.rooms.leave(alice, ROOM_ID, testConnection());
      expect(memberOf(stored(t), 'alice')).toMatchObject({ role: 'owner', lastSeenAt: NOW });
      expect(stored(t).room.ownerAccountId).toBe('alice');
    });
  });

  describe('disconnected', () => {
    const GRACE_MS = 1000;

    async function disconnect(t: TestService) {
      const done = t.rooms.disconnected(bob, ROOM_ID);
      await jest.advanceTimersByTimeAsync(GRACE_MS);
      await done;
    }

    it('shows a member offline once the grace period passed', async () => {
      const t = setUp({
        members: [
          ['alice', 'owner'],
          ['bob', 'voter', 60_000],
        ],
      });
      t.setOnline('alice');
      await disconnect(t);
      expect(memberOf(stored(t), 'bob')?.lastSeenAt).toEqual(new Date(NOW.getTime() + GRACE_MS));
      expect(t.published[0].snapshot.members.find((m) => m.accountId === 'bob')?.online).toBe(
        false,
      );
    });

    it.each<[string, (t: TestService) => void]>([
      ['they still have a socket on this node', (t) => t.presence.local.add('bob')],
      ['they are back in the room on another node', (t) => t.setOnline('alice', 'bob')],
      ['the node is shutting down', (t) => (t.store.isOpen = false)],
    ])('changes nothing when %s', async (_, arrange) => {
      const t = setUp();
      t.setOnline('alice');
      arrange(t);
      const before = stored(t);
      await disconnect(t);
      expect(stored(t)).toEqual(before);
      expect(t.published).toEqual([]);
    });
  });

  describe('update', () => {
    it("drops an unrevealed round's cards with a new deck", async () => {
      const t = setUp({ votes: [['bob', '5']] });
      const view = await t.rooms.update(alice, { roomId: ROOM_ID, deck: { kind: 't-shirt' } });
      expect(view.deck).toEqual({ kind: 't-shirt' });
      expect(stored(t).votes).toEqual([]);
      expect(t.issueQueue.requireNumberField).not.toHaveBeenCalled();
    });

    it('checks a new estimate field in Jira first, and stores nothing when it is refused', async () => {
      const t = setUp();
      t.issueQueue.requireNumberField.mockRejectedValueOnce(new Error('not a number field'));
      const update = t.rooms.update(alice, { roomId: ROOM_ID, fieldId: 'summary' });
      await expect(update).rejects.toThrow('not a number field');
      expect(stored(t).room.version).toBe(7);
    });

    it('refuses anyone but the owner', async () => {
      const t = setUp();
      await expectNothingChanged(
        t,
        t.rooms.update(bob, { roomId: ROOM_ID, name: 'Mine' }),
        'FORBIDDEN',
      );
    });
  });

  describe('transfer', () => {
    const ownerAway = (seconds: number): AggregateSpec => ({
      members: [
        ['alice', 'owner', seconds * 1000],
        ['bob', 'voter'],
        ['carol', 'voter'],
      ],
    });

    it(`lets a member take over once the owner has been offline for ${TAKEOVER_SECONDS} s`, async () => {
      const t = setUp(ownerAway(TAKEOVER_SECONDS));
      t.setOnline('bob', 'carol');
      const view = await t.rooms.transfer(bob, { roomId: ROOM_ID, accountId: 'bob' });
      expect(view.ownerAccountId).toBe('bob');
      expect(stored(t).room.ownerAccountId).toBe('bob');
      expect(memberOf(stored(t), 'alice')?.role).toBe('voter');
    });

    it('refuses a takeover any earlier', async () => {
      const t = setUp(ownerAway(TAKEOVER_SECONDS - 1));
      t.setOnline('bob', 'carol');
      await expectNothingChanged(
        t,
        t.rooms.transfer(bob, { roomId: ROOM_ID, accountId: 'bob' }),
        'FORBIDDEN',
      );
    });
  });

  describe('remove', () => {
    it('deletes the room and tells its sockets', async () => {
      const t = setUp();
      await t.rooms.join(bob, { roomId: ROOM_ID }, testConnection());
      expect(t.cache.peek(ROOM_ID)).toBeDefined();
      await t.rooms.remove(alice, ROOM_ID);
      expect(stored(t)).toBeUndefined();
      expect(t.cache.peek(ROOM_ID)).toBeUndefined();
      expect(t.removed).toEqual([ROOM_ID]);
    });

    it('refuses a member who does not own it, and keeps the room', async () => {
      const t = setUp();
      await expectNothingChanged(t, t.rooms.remove(bob, ROOM_ID), 'FORBIDDEN');
      expect(t.removed).toEqual([]);
    });

    it("answers NOT_FOUND to another site's owner", async () => {
      const t = setUp();
      const intruder = { tenantId: OTHER_TENANT, accountId: 'alice' };
      await expectNothingChanged(t, t.rooms.remove(intruder, ROOM_ID), 'NOT_FOUND');
      expect(t.removed).toEqual([]);
    });
  });
});
