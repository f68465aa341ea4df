import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../apps/server/src/database/embedded-postgres';

export interface RedisServer {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts Debian's redis-server on a free port, without persistence, for one test file; with a
 * password (`requirepass`, as docker-compose.yml runs it) the URL carries it.
 */
export async function startRedis(port?: number, password?: string): Promise<RedisServer> {
  const chosen = port ?? (await freePort());
  const auth = password === undefined ? [] : ['--requirepass', password];
  const child = spawn(
    'redis-server',
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...auth],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('redis-server did not start')), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return {
    url: `redis://${password === undefined ? '' : `:${encodeURIComponent(password)}@`}127.0.0.1:${chosen}`,
    port: chosen,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
