import { roomAggregate } from '../rules/room-aggregate.fixture';
import { applyWrites, RoomWrites } from '../rules/room-writes';
import { commitStatement } from './commit-statement';

// The statement's text is what Postgres runs: these check what it writes, not how it is built.
describe('commitStatement', () => {
  const before = roomAggregate();

  const statementFor = (writes: RoomWrites) =>
    commitStatement(applyWrites(before, writes).room, before.room.version, writes);

  const setClause = (text: string) => /UPDATE room SET ([\s\S]*?)\n\s*WHERE id/.exec(text)?.[1];

  it('a vote bumps the version and writes no room column (no deck, no lists)', () => {
    const statement = statementFor(
      new RoomWrites().vote({ issueKey: 'PROJ-1', round: 1, accountId: 'bob', value: '5' }),
    );
    expect(setClause(statement.text)).toMatch(/^version = version \+ 1,/);
    expect(statement.values).not.toContain(JSON.stringify(before.room.deck));
    expect(statement.values).toEqual(expect.arrayContaining(['PROJ-1', 1, 'bob', '5']));
  });

  it('a settings change writes exactly the columns it sets, each with its new value', () => {
    const statement = statementFor(new RoomWrites().setRoom({ name: 'Renamed', autoReveal: true }));
    const set = setClause(statement.text) ?? '';
    expect(set.match(/\b[a-z_]+ = \$\d+::\w+/g)).toEqual([
      expect.stringMatching(/^name = \$\d+::text$/),
      expect.stringMatching(/^auto_reveal = \$\d+::boolean$/),
    ]);
    expect(statement.values).toEqual(expect.arrayContaining(['Renamed', true]));
  });

  it('names each shape of statement apart, so a prepared plan never meets other columns', () => {
    const vote = statementFor(
      new RoomWrites().vote({ issueKey: 'PROJ-1', round: 1, accountId: 'bob', value: '5' }),
    );
    const rename = statementFor(new RoomWrites().setRoom({ name: 'Renamed' }));
    const reveal = statementFor(new RoomWrites().setRoom({ revealed: true }));
    expect(new Set([vote.name, rename.name, reveal.name]).size).toBe(3);
  });
});
