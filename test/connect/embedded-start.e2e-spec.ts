import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServerProcess } from '../support/server-process';

describe('a machine without Postgres', () => {
  it('starts the built server on its own embedded Postgres and serves the descriptor within 60 s', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'poker-embedded-'));
    const started = Date.now();
    const server = await startServerProcess({ DATABASE_URL: '', DATA_DIR: dataDir });
    try {
      const response = await fetch(`${server.url}/atlassian-connect.json`);
      expect(response.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(60_000);
      const ready = await fetch(`${server.url}/readyz`);
      expect(await ready.json()).toMatchObject({ checks: { database: 'ok' } });
    } finally {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
