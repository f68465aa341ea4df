import type { DataSource } from 'typeorm';

/** Advisory lock keys of the privacy jobs (the migrations use 715_042_001). */
export const PRIVACY_REPORT_LOCK = 715_042_002;
export const RETENTION_LOCK = 715_042_003;

export type LockedRun<T> = { ran: true; value: T } | { ran: false };

/**
 * Runs `work` while holding a Postgres session advisory lock, on a connection of its own, so
 * that of all nodes running the same job only one is at it; the others are told `ran: false`
 * at once instead of waiting. The lock goes with the connection if the node dies.
 */
export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  key: number,
  work: () => Promise<T>,
): Promise<LockedRun<T>> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const rows = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [key])) as {
      locked: boolean;
    }[];
    if (!rows[0]?.locked) return { ran: false };
    try {
      return { ran: true, value: await work() };
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
