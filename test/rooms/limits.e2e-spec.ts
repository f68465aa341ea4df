import { SEED_USERS, type JiraSim } from '../../apps/jira-sim/src';
import { ROOM_LIMITS } from '../../apps/server/src/rooms/rules/room-limits';
import { startStack, tenantRows, type Stack } from '../support/stack';

const { alice, bob } = SEED_USERS;

describe('abuse limits', () => {
  let stack: Stack;
  let site: JiraSim;

  beforeAll(async () => {
    stack = await startStack();
    site = await stack.site();
  });
  afterAll(() => stack.close());

  /** Fills a room with rows directly, bumping its version as every real change does. */
  async function fill(roomId: string, sql: string): Promise<void> {
    await stack.server.db.query(sql, [roomId]);
    await stack.server.db.query('UPDATE room SET version = version + 1 WHERE id = $1', [roomId]);
  }

  it('answers RATE_LIMITED once a socket floods events, and recovers after a pause', async () => {
    const client = await stack.client(site, bob.accountId);
    const acks = await Promise.all(Array.from({ length: 60 }, () => client.call('room:list', {})));
    const limited = acks.filter((ack) => !ack.ok && ack.error.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(0);
    expect(acks.filter((ack) => ack.ok).length).toBeGreaterThanOrEqual(30);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await client.call('room:list', {})).ok).toBe(true);
  });

  it('refuses an event payload over the size cap with BAD_REQUEST', async () => {
    const client = await stack.client(site, bob.accountId);
    const ack = await client.call('room:create', {
      name: 'x'.repeat(20_000),
      deck: { kind: 'fibonacci' },
    });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/too large/) },
    });
  });

  it('caps the members of a room', async () => {
    const owner = await stack.client(site, alice.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Full house',
      deck: { kind: 'fibonacci' },
    });
    await fill(
      room.id,
      `INSERT INTO room_member (room_id, account_id, role)
       SELECT $1, 'filler-' || n, 'voter' FROM generate_series(2, ${ROOM_LIMITS.membersPerRoom}) n`,
    );
    const before = await tenantRows(stack.server, site.clientKey);
    const latecomer = await stack.client(site, bob.accountId);
    const ack = await latecomer.call('room:join', { roomId: room.id });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/full/) },
    });
    expect(await tenantRows(stack.server, site.clientKey)).toBe(before);
    expect(latecomer.states).toHaveLength(0);
  });

  it('caps the issues of a room', async () => {
    const owner = await stack.client(site, alice.accountId);
    const { room } = await owner.ok('room:create', {
      name: 'Backlog',
      deck: { kind: 'fibonacci' },
    });
    await fill(
      room.id,
      `INSERT INTO room_issue (room_id, issue_key, position)
       SELECT $1, 'FILL-' || n, n FROM generate_series(1, ${ROOM_LIMITS.issuesPerRoom}) n`,
    );
    const ack = await owner.call('issue:add', { roomId: room.id, issueKeys: ['PROJ-1'] });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/at most/) },
    });
  });

  it('caps the rooms of a tenant', async () => {
    const crowded = await stack.site();
    const owner = await stack.client(crowded, alice.accountId);
    await stack.server.db.query(
      `INSERT INTO room (tenant_id, owner_account_id, name, deck)
       SELECT t.id, 'someone', 'Room ' || n, '{"kind":"fibonacci"}'
       FROM tenant t, generate_series(1, ${ROOM_LIMITS.roomsPerTenant}) n WHERE t.client_key = $1`,
      [crowded.clientKey],
    );
    const ack = await owner.call('room:create', {
      name: 'One too many',
      deck: { kind: 'fibonacci' },
    });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: expect.stringMatching(/remove one/) },
    });
  });

  it('keeps to the cap when a burst of creations goes to the database together', async () => {
    const busy = await stack.site();
    const owner = await stack.client(busy, alice.accountId);
    const free = 3;
    await stack.server.db.query(
      `INSERT INTO room (tenant_id, owner_account_id, name, deck)
       SELECT t.id, 'someone', 'Room ' || n, '{"kind":"fibonacci"}'
       FROM tenant t, generate_series(1, ${ROOM_LIMITS.roomsPerTenant - free}) n
       WHERE t.client_key = $1`,
      [busy.clientKey],
    );
    const acks = await Promise.all(
      Array.from({ length: 2 * free }, (_, n) =>
        owner.call('room:create', { name: `Burst ${n}`, deck: { kind: 'fibonacci' } }),
      ),
    );
    expect(acks.filter((ack) => ack.ok)).toHaveLength(free);
    expect(acks.filter((ack) => !ack.ok)).toEqual(
      Array.from({ length: free }, () =>
        expect.objectContaining({ error: expect.objectContaining({ code: 'CONFLICT' }) }),
      ),
    );
    const [{ rooms }] = await stack.server.db.query<{ rooms: string }[]>(
      `SELECT count(*) AS rooms FROM room r JOIN tenant t ON t.id = r.tenant_id
       WHERE t.client_key = $1`,
      [busy.clientKey],
    );
    expect(Number(rooms)).toBe(ROOM_LIMITS.roomsPerTenant);
  });
});
