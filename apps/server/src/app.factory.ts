import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { runMigrations } from './database/database';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { createAppLogger } from './observability/redacting-console-logger';
import { PokerIoAdapter } from './realtime/poker-io.adapter';
import { connectRedis, type RedisPair } from './realtime/redis-connection';

const LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  debug: ['debug', 'log', 'warn', 'error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
  warn: ['warn', 'error', 'fatal'],
  error: ['error', 'fatal'],
  silent: [],
};

/** Largest JSON body we accept; lifecycle payloads and settings are far smaller. */
const BODY_LIMIT = '64kb';

/**
 * Builds the whole server for a validated config: database (DATABASE_URL or an embedded
 * Postgres under DATA_DIR), migrations, then the Nest application. Tests call it in-process.
 */
export async function createApp(config: AppConfig): Promise<INestApplication> {
  let databaseUrl = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres(config.dataDir);
    databaseUrl = embedded.url;
    stopEmbedded = () => embedded.stop();
  }
  await runMigrations(databaseUrl);
  const redis: RedisPair | undefined = config.redisUrl
    ? await connectRedis(config.redisUrl)
    : undefined;
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, databaseUrl, redis),
    { logger: createAppLogger(config, LOG_LEVELS[config.logLevel]), bodyParser: false },
  );
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.useWebSocketAdapter(new PokerIoAdapter(app, redis));
  app.enableShutdownHooks();
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await redis?.close();
    await stopEmbedded?.();
  };
  return app;
}
