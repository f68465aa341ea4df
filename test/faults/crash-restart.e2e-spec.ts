import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startServerProcess, type ServerProcess } from '../support/server-process';

/** PID and port of the embedded Postgres, from the lock file it keeps in its data directory. */
function postmaster(dataDir: string): { pid: number; port: number } | undefined {
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

/** Whether the process runs; a zombie (stopped, not yet reaped by a container's init) does not. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** The embedded cluster's own credentials (see startEmbeddedPostgres), over TCP. */
async function query(port: number, sql: string): Promise<unknown[]> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user: 'poker',
    password: 'poker-local',
    database: 'poker',
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('kill -9 of a server on its embedded Postgres', () => {
  it('restarts on the same DATA_DIR: the orphaned Postgres is stopped, /readyz is 200 and the data is still there', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'poker-crash-'));
    const env = { DATABASE_URL: '', DATA_DIR: dataDir };
    let second: ServerProcess | undefined;
    try {
      const first = await startServerProcess(env);
      const before = postmaster(dataDir);
      expect(before).toBeDefined();
      await query(before!.port, 'CREATE TABLE crash_marker (note text)');
      await query(before!.port, "INSERT INTO crash_marker VALUES ('written before kill -9')");

      await first.kill();
      // The defect's precondition: the server is gone, its Postgres is not.
      expect(alive(before!.pid)).toBe(true);

      second = await startServerProcess(env);
      const ready = await fetch(`${second.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ checks: { database: 'ok' } });
      expect(await until(() => !alive(before!.pid), 10_000)).toBe(true);
      expect(second.output.join('')).toContain(`Stopping PostgreSQL PID ${before!.pid}`);
      const after = postmaster(dataDir);
      expect(after?.pid).not.toBe(before!.pid);
      expect(await query(after!.port, 'SELECT note FROM crash_marker')).toEqual([
        { note: 'written before kill -9' },
      ]);

      await second.stop();
      // A graceful stop takes its Postgres with it.
      expect(await until(() => !alive(after!.pid), 10_000)).toBe(true);
    } finally {
      await second?.kill();
      // Never leave a Postgres behind, whatever failed above (fast shutdown, then wait).
      const left = postmaster(dataDir);
      if (left && alive(left.pid)) {
        process.kill(left.pid, 'SIGINT');
        await until(() => !alive(left.pid), 10_000);
      }
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000); // about 16 s on an idle machine; the limit allows for a loaded CI runner
});
