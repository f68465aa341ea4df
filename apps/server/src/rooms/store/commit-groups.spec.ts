import { DatabaseError, type Pool } from 'pg';
import { roomAggregate } from '../rules/room-aggregate.fixture';
import { RoomWrites } from '../rules/room-writes';
import { CommitGroups } from './commit-groups';

/** A pool whose queries wait until released, answering as `answer` says. */
function heldPool(answer: (text: string) => Promise<{ rows: unknown[] }>) {
  const queries: string[] = [];
  const releases: (() => void)[] = [];
  const pool = {
    query: (statement: string | { text: string }) => {
      const text = typeof statement === 'string' ? statement : statement.text;
      queries.push(text);
      return new Promise<void>((resolve) => releases.push(resolve)).then(() => answer(text));
    },
  } as unknown as Pool;
  return { pool, queries, release: () => releases.splice(0).forEach((go) => go()) };
}

/** Nine commits of nine rooms: four go alone at once, the other five wait and go together. */
function commits(groups: CommitGroups) {
  return Array.from({ length: 9 }, (_, i) => {
    const { room } = roomAggregate({ room: { id: `room-${i}` } });
    return groups.commit({ room, expectedVersion: room.version, writes: new RoomWrites() });
  });
}

const grouped = (text: string) => text.includes('UNION ALL');

describe('CommitGroups', () => {
  it('sends each room alone after Postgres refused the grouped statement', async () => {
    const held = heldPool(async (text) => {
      if (grouped(text)) throw new DatabaseError('deadlock detected', 0, 'error');
      return { rows: [{ version: 8, round: 1 }] };
    });
    let done = false;
    const all = Promise.all(commits(new CommitGroups(held.pool))).finally(() => (done = true));
    // Round trips one after another: each is answered once released.
    while (!done) {
      held.release();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await expect(all).resolves.toHaveLength(9);
    expect(held.queries.filter(grouped)).toHaveLength(1);
    expect(held.queries.filter((text) => !grouped(text))).toHaveLength(4 + 5);
  });

  it('sends nothing again when the connection failed: whether it committed is unknown', async () => {
    const lost = new Error('Connection terminated unexpectedly');
    const held = heldPool(async (text) => {
      if (grouped(text)) throw lost;
      return { rows: [{ version: 8, round: 1 }] };
    });
    const results = commits(new CommitGroups(held.pool)).map((result) =>
      result.then(
        () => 'ok',
        (error: unknown) => error,
      ),
    );
    held.release();
    await new Promise((resolve) => setImmediate(resolve));
    held.release();
    const settled = await Promise.all(results);
    expect(settled.slice(0, 4)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(settled.slice(4)).toEqual([lost, lost, lost, lost, lost]);
    expect(held.queries).toHaveLength(4 + 1);
  });
});
