import { SEED_USERS } from '../../apps/jira-sim/src';
import { applyWrites, RoomWrites } from '../../apps/server/src/rooms/rules/room-writes';
import { RoomRepository } from '../../apps/server/src/rooms/store/room.repository';
import { startStack, type Stack } from '../support/stack';

const { alice } = SEED_USERS;

/**
 * Group commit against the real Postgres: commits of different rooms that arrive together share
 * round trips, each room keeps its own version check, and what is acknowledged is stored.
 */
describe('group commit', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('commits many rooms in shared round trips, refusing only the room that moved on', async () => {
    const site = await stack.site();
    const owner = await stack.client(site, alice.accountId);
    const roomIds: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const { room } = await owner.ok('room:create', {
        name: `Room ${i}`,
        deck: { kind: 'fibonacci' },
        issueKeys: ['PROJ-1'],
      });
      roomIds.push(room.id);
    }
    const [{ id: tenantId }] = await stack.server.db.query<{ id: string }[]>(
      'SELECT id FROM tenant WHERE client_key = $1',
      [site.clientKey],
    );
    const repository = stack.server.app.get(RoomRepository);
    const stale = roomIds[5];
    // Every room's change computed first, then all committed at once, as under load.
    const changes = await Promise.all(
      roomIds.map(async (roomId) => {
        const aggregate = (await repository.read(tenantId, roomId))!;
        const writes = new RoomWrites().vote({
          issueKey: 'PROJ-1',
          round: 1,
          accountId: alice.accountId,
          value: '8',
        });
        const { room } = applyWrites(aggregate, writes);
        const version = aggregate.room.version;
        return {
          roomId,
          room,
          writes,
          version,
          expected: roomId === stale ? version - 1 : version,
        };
      }),
    );
    const before = repository.commitGroups;
    const results = await Promise.all(
      changes.map(async ({ roomId, room, writes, version, expected }) => ({
        roomId,
        version,
        result: await repository.commit(room, expected, writes),
      })),
    );
    const after = repository.commitGroups;
    expect(after.grouped - before.grouped).toBeGreaterThan(0);
    expect(after.statements - before.statements).toBeLessThan(roomIds.length);

    for (const { roomId, version, result } of results) {
      const [row] = await stack.server.db.query<{ version: number; votes: number }[]>(
        `SELECT r.version, (SELECT count(*) FROM vote v WHERE v.room_id = r.id)::int AS votes
           FROM room r WHERE r.id = $1`,
        [roomId],
      );
      if (roomId === stale) {
        expect(result).toBeUndefined();
        expect(row).toEqual({ version, votes: 0 });
      } else {
        expect(result).toEqual({ version: version + 1, round: 1 });
        expect(row).toEqual({ version: version + 1, votes: 1 });
      }
    }
  });
});
