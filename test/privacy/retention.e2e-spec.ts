import { SEED_USERS } from '../../apps/jira-sim/src';
import { RetentionService } from '../../apps/server/src/privacy/retention.service';
import { startStack, type Stack } from '../support/stack';
import { createPrivateDatabase, eventually, type PrivateDatabase } from './privacy-support';

const { alice, bob } = SEED_USERS;
const DAY_MS = 24 * 60 * 60 * 1000;

describe('retention of idle rooms', () => {
  let database: PrivateDatabase;
  let stack: Stack;

  beforeAll(async () => {
    // The job sweeps every tenant and a future clock would reach other suites' rooms.
    database = await createPrivateDatabase('retention');
    stack = await startStack({ DATABASE_URL: database.url, ROOM_RETENTION_DAYS: '30' });
  });
  afterAll(async () => {
    await stack.close();
    await database.drop();
  });

  const retention = () => stack.server.app.get(RetentionService);
  const updatedAt = async (roomId: string): Promise<number> => {
    const [row] = await stack.server.db.query('SELECT updated_at FROM room WHERE id = $1', [
      roomId,
    ]);
    return new Date(row.updated_at).getTime();
  };
  const rowsOf = async (roomId: string): Promise<number> => {
    const [row] = await stack.server.db.query(
      `SELECT (SELECT count(*) FROM room WHERE id = $1)
            + (SELECT count(*) FROM room_member WHERE room_id = $1)
            + (SELECT count(*) FROM room_issue WHERE room_id = $1)
            + (SELECT count(*) FROM vote WHERE room_id = $1) AS n`,
      [roomId],
    );
    return Number(row.n);
  };

  it('removes a room untouched for the retention period as its owner would, and keeps a used one', async () => {
    const site = await stack.site();
    const owner = await stack.client(site, alice.accountId);
    const voter = await stack.client(site, bob.accountId);
    const { room: idle } = await owner.ok('room:create', {
      name: 'Forgotten',
      deck: { kind: 'fibonacci' },
      issueKeys: ['PROJ-1'],
    });
    await voter.ok('room:join', { roomId: idle.id });
    await voter.ok('vote:cast', { roomId: idle.id, value: '5' });
    const { room: busy } = await owner.ok('room:create', {
      name: 'Weekly',
      deck: { kind: 'fibonacci' },
    });
    await voter.ok('room:join', { roomId: busy.id });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await owner.ok('room:update', { roomId: busy.id, name: 'Weekly refinement' });
    const idleSince = await updatedAt(idle.id);
    const busySince = await updatedAt(busy.id);
    expect(busySince).toBeGreaterThan(idleSince);
    expect(await rowsOf(idle.id)).toBe(5);

    // One day short of the period: nothing goes.
    expect(await retention().runOnce(new Date(idleSince + 29 * DAY_MS))).toEqual({
      status: 'done',
      removed: 0,
    });
    // The idle room's period is over; the busy one was used since.
    expect(await retention().runOnce(new Date(idleSince + 30 * DAY_MS + 1))).toEqual({
      status: 'done',
      removed: 1,
    });

    expect(await rowsOf(idle.id)).toBe(0);
    expect(await rowsOf(busy.id)).toBeGreaterThan(0);
    await eventually(() => expect(owner.removed).toContain(idle.id));
    await eventually(() => expect(voter.removed).toContain(idle.id));
    expect(owner.removed).not.toContain(busy.id);
    expect((await owner.ok('room:list', {})).rooms.map((r) => r.id)).toEqual([busy.id]);

    expect(await retention().runOnce(new Date(busySince + 30 * DAY_MS + 1))).toEqual({
      status: 'done',
      removed: 1,
    });
    expect(await rowsOf(busy.id)).toBe(0);
  });
});
