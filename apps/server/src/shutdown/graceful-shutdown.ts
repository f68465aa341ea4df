import { Logger } from '@nestjs/common';
import type { Server as HttpServer } from 'node:http';
import type { DataSource } from 'typeorm';
import type { SocketDrain } from '../realtime/socket-drain';

/** What a draining node needs to reach: its listener, its sockets, its pool, and the full close. */
export interface DrainableApp {
  httpServer: HttpServer;
  sockets: SocketDrain;
  dataSource: DataSource;
  /** Nest's close plus Redis and the embedded Postgres (app.factory). */
  close(): Promise<void>;
}

export interface ShutdownLimits {
  /** How long events already received may take to be answered. */
  settleMs: number;
  /** How long open transactions (e.g. presence updates of the closed sockets) may take. */
  transactionsMs: number;
}

export const SHUTDOWN_LIMITS: ShutdownLimits = { settleMs: 3000, transactionsMs: 5000 };

/**
 * The SIGTERM path (DESIGN.md "Operations"): stop accepting connections, so the proxy sends
 * newcomers to another node; answer what was already received; close every socket so its
 * client reconnects elsewhere; let open transactions commit; then close pools and Redis.
 */
export async function shutDownGracefully(
  app: DrainableApp,
  limits: ShutdownLimits = SHUTDOWN_LIMITS,
): Promise<void> {
  const logger = new Logger('Shutdown');
  app.httpServer.close();
  await app.sockets.drain(limits.settleMs);
  if (!(await transactionsFinished(app.dataSource, limits.transactionsMs))) {
    logger.warn('Transactions still open after the grace period; closing anyway.');
  }
  app.httpServer.closeIdleConnections();
  await app.close();
}

/**
 * Waits until no query runner holds a connection for a few checks in a row. TypeORM's own
 * destroy releases connections under open transactions, which would roll them back.
 */
async function transactionsFinished(dataSource: DataSource, timeoutMs: number): Promise<boolean> {
  const driver = dataSource.driver as {
    connectedQueryRunners?: unknown[];
    master?: { waitingCount?: number };
  };
  const until = Date.now() + timeoutMs;
  let quietChecks = 0;
  while (Date.now() < until) {
    const busy =
      (driver.connectedQueryRunners?.length ?? 0) > 0 || (driver.master?.waitingCount ?? 0) > 0;
    quietChecks = busy ? 0 : quietChecks + 1;
    if (quietChecks >= 3) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}
