import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Async voting (issue 15): room configuration only, whether members may vote ahead on every
 * queued issue. The cards themselves are ordinary `vote` rows (round 0 of their issue until it
 * is played; ARCHITECTURE.md "Async voting"), so no other table changes.
 */
export class AsyncVoting1764530000000 implements MigrationInterface {
  name = 'AsyncVoting1764530000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE room ADD COLUMN async_voting boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE room DROP COLUMN async_voting`);
  }
}
