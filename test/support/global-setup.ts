import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../apps/server/src/database/embedded-postgres';

/**
 * One real PostgreSQL for the whole run: the one in DATABASE_URL when given, otherwise an
 * embedded one in a fresh temporary folder. Tests isolate themselves by tenant, not by database.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dir = await mkdtemp(join(tmpdir(), 'poker-test-pg-'));
  const pg = await startEmbeddedPostgres(dir);
  process.env.DATABASE_URL = pg.url;
  (globalThis as { __POKER_PG__?: { stop(): Promise<void> } }).__POKER_PG__ = pg;
}
