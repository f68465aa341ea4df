import { DataSource } from 'typeorm';
import { createApp, type PokerApplication } from '../../apps/server/src/app.factory';
import { loadConfig, type AppConfig } from '../../apps/server/src/config/app-config';
import { freePort } from '../../apps/server/src/database/embedded-postgres';

/** A fixed key so every in-process server of a run can read what another one encrypted. */
export const TEST_SECRETS_KEY = '5eed'.repeat(16);

export interface TestServer {
  url: string;
  app: PokerApplication;
  db: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * Starts the real server in this process on a free port, against the run's Postgres
 * (global-setup), with the given environment on top of the test defaults.
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    APP_BASE_URL: url,
    DATABASE_URL: process.env.DATABASE_URL,
    SECRETS_KEY: TEST_SECRETS_KEY,
    LOG_LEVEL: 'error',
    ...env,
  });
  const app = await createApp(config);
  await app.listen(port, '127.0.0.1');
  return { url, app, db: app.get(DataSource), config, close: () => app.close() };
}
