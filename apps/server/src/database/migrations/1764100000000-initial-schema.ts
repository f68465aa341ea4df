import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole stored data model (DESIGN.md, "What is stored"). Every room row references its
 * tenant and every other row its room with ON DELETE CASCADE, so removing a room or
 * uninstalling a tenant is a single DELETE that cannot leave orphans behind.
 */
export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tenant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_key text NOT NULL UNIQUE,
        shared_secret text NOT NULL,
        base_url text NOT NULL,
        zone text NOT NULL,
        default_field_id text,
        installed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE room (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        owner_account_id text NOT NULL,
        name text NOT NULL,
        deck jsonb NOT NULL,
        field_id text,
        auto_reveal boolean NOT NULL DEFAULT false,
        auto_advance boolean NOT NULL DEFAULT false,
        current_issue_key text,
        round integer NOT NULL DEFAULT 0,
        revealed boolean NOT NULL DEFAULT false,
        timer_ends_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX room_tenant_updated_idx ON room (tenant_id, updated_at DESC)`);
    await q.query(`CREATE INDEX room_updated_idx ON room (updated_at)`);
    await q.query(
      `CREATE INDEX room_timer_idx ON room (timer_ends_at) WHERE timer_ends_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE room_member (
        room_id uuid NOT NULL REFERENCES room(id) ON DELETE CASCADE,
        account_id text NOT NULL,
        role text NOT NULL CHECK (role IN ('owner', 'voter', 'observer')),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (room_id, account_id)
      )`);
    await q.query(`CREATE INDEX room_member_account_idx ON room_member (account_id)`);
    await q.query(`
      CREATE TABLE room_issue (
        room_id uuid NOT NULL REFERENCES room(id) ON DELETE CASCADE,
        issue_key text NOT NULL,
        position integer NOT NULL,
        saved_value double precision,
        saved_at timestamptz,
        saved_by_account_id text,
        PRIMARY KEY (room_id, issue_key)
      )`);
    await q.query(`
      CREATE TABLE vote (
        room_id uuid NOT NULL REFERENCES room(id) ON DELETE CASCADE,
        issue_key text NOT NULL,
        round integer NOT NULL,
        account_id text NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (room_id, issue_key, round, account_id)
      )`);
    await q.query(`CREATE INDEX vote_account_idx ON vote (account_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE vote');
    await q.query('DROP TABLE room_issue');
    await q.query('DROP TABLE room_member');
    await q.query('DROP TABLE room');
    await q.query('DROP TABLE tenant');
  }
}
