import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Room options (issue 15): room configuration only. Anonymous reveal, the suggested-value rule,
 * the timer length, and the rounds whose names stay hidden after anonymity was switched off
 * (issue keys and round numbers, no account).
 */
export class RoomOptions1764520000000 implements MigrationInterface {
  name = 'RoomOptions1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE room
        ADD COLUMN anonymous_reveal boolean NOT NULL DEFAULT false,
        ADD COLUMN anonymous_through jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN suggest_rule text NOT NULL DEFAULT 'mode',
        ADD COLUMN timer_seconds integer NOT NULL DEFAULT 60`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE room
        DROP COLUMN timer_seconds,
        DROP COLUMN suggest_rule,
        DROP COLUMN anonymous_through,
        DROP COLUMN anonymous_reveal`);
  }
}
