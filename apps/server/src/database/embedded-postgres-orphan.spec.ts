import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  classifyPostmaster,
  clearPostmasterPidFile,
  parsePostmasterPid,
  systemProcessProbe,
  type ProcessInfo,
  type ProcessProbe,
} from './embedded-postgres-orphan';

const POSTGRES = '/opt/embedded/native/bin/postgres';

/** A process table in memory; a process "exits" when sent a signal it obeys. */
class FakeProcesses implements ProcessProbe {
  readonly sent: Array<[number, NodeJS.Signals]> = [];
  constructor(
    private readonly table: Map<number, ProcessInfo>,
    private readonly obeys: NodeJS.Signals[] = ['SIGINT'],
    private readonly onExit: (pid: number) => void = () => undefined,
    private readonly refuse?: string,
  ) {}
  inspect(pid: number): ProcessInfo | undefined {
    return this.table.get(pid);
  }
  signal(pid: number, signal: NodeJS.Signals): void {
    if (this.refuse) throw Object.assign(new Error(this.refuse), { code: this.refuse });
    this.sent.push([pid, signal]);
    if (this.obeys.includes(signal)) {
      this.table.delete(pid);
      this.onExit(pid);
    }
  }
}

describe('postmaster.pid after a crash', () => {
  let dir: string;
  let pidFile: string;
  const pidFileFor = (pid: number | string) =>
    writeFile(
      pidFile,
      `${pid}\n${dir}\n1700000000\n54321\n${dir}\n127.0.0.1\n  1234  5678\nready\n`,
    );
  const postgresOf = (dataDir: string, ppid = 1): ProcessInfo => ({
    argv: [POSTGRES, '-D', dataDir, '-p', '54321'],
    ppid,
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'poker-pidfile-'));
    pidFile = join(dir, 'postmaster.pid');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads the PID, the data directory and the port', () => {
    expect(parsePostmasterPid('4242\n/srv/pg\n1700000000\n5433\n')).toEqual({
      pid: 4242,
      dataDir: '/srv/pg',
      port: 5433,
    });
    expect(parsePostmasterPid('')).toBeUndefined();
    expect(parsePostmasterPid('not a pid\n')).toBeUndefined();
    expect(parsePostmasterPid('-3\n')).toBeUndefined();
  });

  it('does nothing without a pid file', async () => {
    const probe = new FakeProcesses(new Map());
    await clearPostmasterPidFile(dir, { probe });
    expect(probe.sent).toEqual([]);
  });

  it('removes a pid file whose PID is dead', async () => {
    await pidFileFor(4242);
    const probe = new FakeProcesses(new Map());
    await clearPostmasterPidFile(dir, { probe });
    expect(existsSync(pidFile)).toBe(false);
    expect(probe.sent).toEqual([]);
  });

  it('removes a pid file it cannot read', async () => {
    await writeFile(pidFile, 'garbage');
    await clearPostmasterPidFile(dir, { probe: new FakeProcesses(new Map()) });
    expect(existsSync(pidFile)).toBe(false);
  });

  it('removes the pid file, and leaves the process alone, when the PID is now another program', async () => {
    await pidFileFor(4242);
    const probe = new FakeProcesses(new Map([[4242, { argv: ['/usr/bin/bash'], ppid: 1 }]]));
    expect(classifyPostmaster(dir, { pid: 4242 }, probe)).toMatchObject({ kind: 'stale' });
    await clearPostmasterPidFile(dir, { probe });
    expect(existsSync(pidFile)).toBe(false);
    expect(probe.sent).toEqual([]);
  });

  it('treats a Postgres of another data directory as a reused PID, and leaves it running', async () => {
    await pidFileFor(4242);
    const probe = new FakeProcesses(new Map([[4242, postgresOf('/somewhere/else')]]));
    await clearPostmasterPidFile(dir, { probe });
    expect(existsSync(pidFile)).toBe(false);
    expect(probe.sent).toEqual([]);
  });

  it('stops an orphaned Postgres of this directory with a fast shutdown', async () => {
    await pidFileFor(4242);
    const lines: string[] = [];
    const probe = new FakeProcesses(
      new Map([[4242, postgresOf(dir)]]),
      ['SIGINT'],
      () => void rm(pidFile, { force: true }), // as Postgres removes its lock file
    );
    await clearPostmasterPidFile(dir, { probe, log: (line) => lines.push(line), pollMs: 1 });
    expect(probe.sent).toEqual([[4242, 'SIGINT']]);
    expect(existsSync(pidFile)).toBe(false);
    expect(lines.join('\n')).toContain('Stopping PostgreSQL PID 4242');
  });

  it('escalates to an immediate shutdown when the fast one does not finish, then removes the lock file', async () => {
    await pidFileFor(4242);
    const probe = new FakeProcesses(new Map([[4242, postgresOf(dir)]]), ['SIGQUIT']);
    await clearPostmasterPidFile(dir, { probe, stopTimeoutMs: 20, pollMs: 1 });
    expect(probe.sent).toEqual([
      [4242, 'SIGINT'],
      [4242, 'SIGQUIT'],
    ]);
    expect(existsSync(pidFile)).toBe(false);
  });

  it('says what to do when the orphan will not stop', async () => {
    await pidFileFor(4242);
    const probe = new FakeProcesses(new Map([[4242, postgresOf(dir)]]), []);
    await expect(
      clearPostmasterPidFile(dir, { probe, stopTimeoutMs: 10, pollMs: 1 }),
    ).rejects.toThrow(/did not stop\. Stop it by hand \(kill -9 4242\)/);
    expect(existsSync(pidFile)).toBe(true);
  });

  it("says what to do when the orphan is another user's", async () => {
    await pidFileFor(4242);
    const probe = new FakeProcesses(new Map([[4242, postgresOf(dir)]]), [], undefined, 'EPERM');
    await expect(clearPostmasterPidFile(dir, { probe })).rejects.toThrow(/runs as another user/);
  });

  it('refuses, without a signal, when the Postgres still belongs to a running server', async () => {
    await pidFileFor(4242);
    const probe = new FakeProcesses(
      new Map([
        [4242, postgresOf(dir, 777)],
        [777, { argv: ['/usr/local/bin/node', 'dist/apps/server/main.js'], ppid: 1 }],
      ]),
    );
    await expect(clearPostmasterPidFile(dir, { probe })).rejects.toThrow(
      /belongs to another running server \(PID 777\)\. Stop that server, or give this one its own DATA_DIR/,
    );
    expect(probe.sent).toEqual([]);
    expect(existsSync(pidFile)).toBe(true);
  });

  it('still stops it when the parent is a supervisor (init, a shell), not a server', () => {
    const probe = new FakeProcesses(
      new Map([
        [4242, postgresOf(dir, 50)],
        [50, { argv: ['/sbin/tini', '--'], ppid: 1 }],
      ]),
    );
    expect(classifyPostmaster(dir, { pid: 4242 }, probe)).toEqual({ kind: 'orphan', pid: 4242 });
  });
});

describe('systemProcessProbe', () => {
  it('sees a live process with its command line and parent, and not a finished one', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const info = systemProcessProbe.inspect(child.pid!);
      expect(info?.argv[0]).toBe(process.execPath);
      expect(info?.ppid).toBe(process.pid);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(systemProcessProbe.inspect(child.pid!)).toBeUndefined();
  });

  it('removes a real stale pid file: the PID of a process that has exited', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'poker-pidfile-'));
    try {
      const child = spawn(process.execPath, ['-e', '0']);
      await new Promise((resolve) => child.once('exit', resolve));
      await writeFile(join(dir, 'postmaster.pid'), `${child.pid}\n${dir}\n`);
      await clearPostmasterPidFile(dir);
      expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('removes a pid file naming a live process that is not Postgres (this test), and leaves it alive', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'poker-pidfile-'));
    try {
      await writeFile(join(dir, 'postmaster.pid'), `${process.pid}\n${dir}\n`);
      await clearPostmasterPidFile(dir);
      expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
