import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { track } from './node-process';
import type { PhaseReport, WorkerCommand, WorkerReply } from './worker-protocol';

/** The load-generator processes of one run, driven in lock step, phase by phase. */
export class WorkerPool {
  private readonly children: ChildProcess[];

  constructor(count: number) {
    this.children = Array.from({ length: count }, () =>
      // No inherited --cpu-prof or inspector flags: the workers are not what we profile.
      track(
        fork(join(__dirname, 'load-worker.js'), [], {
          execArgv: [],
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      ),
    );
    // A worker that died is reported by `command`; a failed send must not crash the bench.
    for (const child of this.children) child.on('error', () => undefined);
  }

  get pids(): number[] {
    return this.children.map((child) => child.pid!).filter(Boolean);
  }

  get size(): number {
    return this.children.length;
  }

  /** Sends each worker its command and waits for all replies (`ready` or a phase report). */
  async command(commandFor: (index: number) => WorkerCommand): Promise<PhaseReport[]> {
    const replies = this.children.map(
      (child, index) =>
        new Promise<PhaseReport | undefined>((resolve, reject) => {
          const onMessage = (reply: WorkerReply) => {
            child.off('message', onMessage);
            child.off('exit', onExit);
            if (reply.kind === 'failed') reject(new Error(`worker ${index}: ${reply.message}`));
            else resolve(reply.kind === 'done' ? reply.report : undefined);
          };
          const onExit = (code: number | null) =>
            reject(new Error(`worker ${index} exited (${code})`));
          child.on('message', onMessage);
          child.once('exit', onExit);
          child.send(commandFor(index));
        }),
    );
    const reports = await Promise.all(replies);
    return reports.filter((report): report is PhaseReport => report !== undefined);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null || !child.connected) {
              child.kill('SIGKILL');
              return resolve();
            }
            const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.send({ kind: 'close' } satisfies WorkerCommand);
          }),
      ),
    );
  }
}
