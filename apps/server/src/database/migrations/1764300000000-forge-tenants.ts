import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Forge (DESIGN.md "Forge"): one tenant per Jira site, reached by its Connect clientKey or its
 * Forge installation. `cloud_id` is the key both front doors carry, so a Connect site that
 * installs the Forge version keeps its rows. A Forge-only site has no client key and no shared
 * secret (Forge calls carry their own tokens), hence the two columns become nullable.
 */
export class ForgeTenants1764300000000 implements MigrationInterface {
  name = 'ForgeTenants1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenant ADD COLUMN cloud_id text`);
    await q.query(`ALTER TABLE tenant ADD COLUMN forge_installation_id text`);
    await q.query(`CREATE UNIQUE INDEX tenant_cloud_id_key ON tenant (cloud_id)`);
    await q.query(`ALTER TABLE tenant ALTER COLUMN client_key DROP NOT NULL`);
    await q.query(`ALTER TABLE tenant ALTER COLUMN shared_secret DROP NOT NULL`);
    await q.query(`
      ALTER TABLE tenant ADD CONSTRAINT tenant_front_door_check
        CHECK (client_key IS NOT NULL OR cloud_id IS NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM tenant WHERE client_key IS NULL`);
    await q.query(`ALTER TABLE tenant DROP CONSTRAINT tenant_front_door_check`);
    await q.query(`ALTER TABLE tenant ALTER COLUMN shared_secret SET NOT NULL`);
    await q.query(`ALTER TABLE tenant ALTER COLUMN client_key SET NOT NULL`);
    await q.query(`DROP INDEX tenant_cloud_id_key`);
    await q.query(`ALTER TABLE tenant DROP COLUMN forge_installation_id`);
    await q.query(`ALTER TABLE tenant DROP COLUMN cloud_id`);
  }
}
