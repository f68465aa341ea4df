import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The data model is the privacy promise: DESIGN.md "What is stored" lists every column we may
 * keep. A new column (a display name, a summary) fails here until the allow-list, DESIGN.md and
 * docs/PRIVACY.md are changed together. auto_reveal/auto_advance are room configuration; an
 * issue's own field ID and its save's round count and consensus, and a project's field
 * (project key, field ID), are the IDs and numbers docs/PRIVACY.md names. owner_votes and the
 * lists of co-facilitators, blocked accounts (account IDs) and skipped issue keys are room
 * configuration too (issue 15, facilitation), and so are the room options: anonymous reveal, the
 * suggested-value rule, the timer length and the rounds kept anonymous (issue keys and round
 * numbers; issue 15, room options), and async_voting (issue 15, async voting: the cards played
 * ahead are ordinary vote rows).
 */
const ALLOWED: Record<string, string[]> = {
  tenant: [
    'id',
    'cloud_id',
    'client_key',
    'forge_installation_id',
    'shared_secret',
    'base_url',
    'zone',
    'default_field_id',
    'installed_at',
  ],
  room: [
    'id',
    'tenant_id',
    'owner_account_id',
    'name',
    'deck',
    'field_id',
    'auto_reveal',
    'auto_advance',
    'owner_votes',
    'facilitator_account_ids',
    'blocked_account_ids',
    'skipped_issue_keys',
    'anonymous_reveal',
    'anonymous_through',
    'suggest_rule',
    'timer_seconds',
    'async_voting',
    'current_issue_key',
    'round',
    'revealed',
    'timer_ends_at',
    'version',
    'updated_at',
  ],
  room_member: ['room_id', 'account_id', 'role', 'last_seen_at'],
  room_issue: [
    'room_id',
    'issue_key',
    'position',
    'saved_value',
    'saved_at',
    'saved_by_account_id',
    'field_id',
    'saved_rounds',
    'saved_consensus',
  ],
  project_field: ['tenant_id', 'project_key', 'field_id'],
  vote: ['room_id', 'issue_key', 'round', 'account_id', 'value'],
  // TypeORM's own bookkeeping of applied migrations.
  migrations: ['id', 'timestamp', 'name'],
};

describe('database schema', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('holds no table or column outside the allow-list of DESIGN.md', async () => {
    const rows: { table_name: string; column_name: string }[] = await server.db.query(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
    );
    const actual: Record<string, string[]> = {};
    for (const row of rows) (actual[row.table_name] ??= []).push(row.column_name);
    const unexpected = rows.filter((row) => !ALLOWED[row.table_name]?.includes(row.column_name));
    expect(unexpected).toEqual([]);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it('deletes everything of a room or tenant by cascade', async () => {
    const rows: { table: string; rule: string }[] = await server.db.query(
      `SELECT tc.table_name AS table, rc.delete_rule AS rule
       FROM information_schema.table_constraints tc
       JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name
       WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public' ORDER BY 1`,
    );
    expect(rows).toEqual([
      { table: 'project_field', rule: 'CASCADE' },
      { table: 'room', rule: 'CASCADE' },
      { table: 'room_issue', rule: 'CASCADE' },
      { table: 'room_member', rule: 'CASCADE' },
      { table: 'vote', rule: 'CASCADE' },
    ]);
  });
});
