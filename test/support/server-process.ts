import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../../apps/server/src/database/embedded-postgres';
import { TEST_SECRETS_KEY } from './test-server';

const ROOT = join(__dirname, '..', '..');

export interface ServerProcess {
  url: string;
  port: number;
  process: ChildProcess;
  output: string[];
  /** kill -9: no goodbye to clients, no cleanup. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful path. */
  stop(): Promise<void>;
}

/**
 * Runs the built server (`dist/apps/server/main.js`, as `npm run start:server` does) in its own
 * process, configured only through the documented environment variables.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/server/main.js')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      SECRETS_KEY: TEST_SECRETS_KEY,
      DATABASE_URL: process.env.DATABASE_URL,
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output.join('')}`);
    const ready = await fetch(`${url}/healthz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > until) throw new Error(`server did not start:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    port,
    process: child,
    output,
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await ended;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await ended;
    },
  };
}
