import { spawn } from 'node:child_process';
import { join } from 'node:path';

const EMBEDDED = join(__dirname, '..', '..', 'dist/apps/server/database/embedded-postgres.js');

export interface PostgresProcess {
  url: string;
  /** A clean Postgres shutdown (connections are terminated), then the helper process exits. */
  stop(): Promise<void>;
}

/**
 * Runs the built `startEmbeddedPostgres(dir, log, port)` in a helper process: the package is
 * an ES module that plain Node loads but Jest's module system does not. The same `dir` and
 * `port` bring the same database back after a stop.
 */
export async function startPostgresProcess(dir: string, port: number): Promise<PostgresProcess> {
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(EMBEDDED)});
    startEmbeddedPostgres(${JSON.stringify(dir)}, () => undefined, ${port}).then((pg) => {
      process.on('SIGTERM', () => pg.stop().then(() => process.exit(0), () => process.exit(1)));
      process.stdout.write('READY ' + pg.url + '\\n');
    }, (error) => { console.error(error); process.exit(1); });
  `;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Postgres did not start:\n${output.join('')}`)),
      30_000,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /READY (\S+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Postgres helper exited with ${code}:\n${output.join('')}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
