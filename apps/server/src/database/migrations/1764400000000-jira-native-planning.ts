import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Jira-native planning (issue 16). A queued issue may carry its own estimate field (the board's
 * estimation field, picked in the browser), and a save records how many rounds it took and
 * whether the last one was a consensus. A Jira admin may set a field per project
 * (`project_field`): a project key (the part of every issue key before the dash) and a field ID,
 * nothing else; it goes with the tenant.
 */
export class JiraNativePlanning1764400000000 implements MigrationInterface {
  name = 'JiraNativePlanning1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE room_issue ADD COLUMN field_id text`);
    await q.query(`ALTER TABLE room_issue ADD COLUMN saved_rounds integer`);
    await q.query(`ALTER TABLE room_issue ADD COLUMN saved_consensus boolean`);
    await q.query(`
      CREATE TABLE project_field (
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        project_key text NOT NULL,
        field_id text NOT NULL,
        PRIMARY KEY (tenant_id, project_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE project_field`);
    await q.query(`ALTER TABLE room_issue DROP COLUMN saved_consensus`);
    await q.query(`ALTER TABLE room_issue DROP COLUMN saved_rounds`);
    await q.query(`ALTER TABLE room_issue DROP COLUMN field_id`);
  }
}
