import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp, type PokerApplication } from './app.factory';
import { describeError, startupFailureLine } from './database/embedded-postgres-errors';

/** Past this, a shutdown that hangs (a stuck connection) ends the process anyway. */
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen(config.port);
  new Logger('Server').log(
    `Planning poker listening on port ${config.port}; descriptor at ${config.appBaseUrl}/atlassian-connect.json`,
  );
  exitGracefullyOn(app, ['SIGTERM', 'SIGINT']);
}

/** Orchestrators stop a node with SIGTERM: drain it (see shutDownGracefully), then exit 0. */
function exitGracefullyOn(app: PokerApplication, signals: NodeJS.Signals[]): void {
  const logger = new Logger('Server');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: moving clients to other nodes and shutting down.`);
    setTimeout(() => {
      logger.error(`Shutdown did not finish within ${SHUTDOWN_DEADLINE_MS} ms; exiting.`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    app.shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${describeError(error)}`);
        process.exit(1);
      },
    );
  };
  signals.forEach((signal) => process.on(signal, stop));
}

// One line naming what failed and what to do, whatever was thrown (embedded-postgres throws
// `undefined`; a refused connection can be an AggregateError with an empty message).
void main().catch((error: unknown) => {
  console.error(startupFailureLine(error));
  process.exit(1);
});
