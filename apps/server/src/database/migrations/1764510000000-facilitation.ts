import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facilitation (issue 15): room configuration only. Whether the owner votes, the co-facilitators
 * and the blocked accounts (account IDs, nothing else; they go with the room, and an erased
 * account leaves both lists), and the issue keys skipped without an estimate.
 */
export class Facilitation1764510000000 implements MigrationInterface {
  name = 'Facilitation1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE room
        ADD COLUMN owner_votes boolean NOT NULL DEFAULT true,
        ADD COLUMN facilitator_account_ids jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN blocked_account_ids jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN skipped_issue_keys jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE room
        DROP COLUMN skipped_issue_keys,
        DROP COLUMN blocked_account_ids,
        DROP COLUMN facilitator_account_ids,
        DROP COLUMN owner_votes`);
  }
}
