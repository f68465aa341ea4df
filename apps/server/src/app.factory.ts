import { INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { runMigrations } from './database/database';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { createAppLogger } from './observability/redacting-console-logger';
import { MetricsService } from './metrics/metrics.service';
import { CrossOriginPolicy } from './realtime/cross-origin';
import { PokerIoAdapter } from './realtime/poker-io.adapter';
import { connectRedis, type RedisPair } from './realtime/redis-connection';
import { SocketDrain } from './realtime/socket-drain';
import { securityHeaders } from './security/security-headers';
import { shutDownGracefully } from './shutdown/graceful-shutdown';

const LOG_LEVELS: Record<AppConfig['logLevel'], LogLevel[]> = {
  debug: ['debug', 'log', 'warn', 'error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
  warn: ['warn', 'error', 'fatal'],
  error: ['error', 'fatal'],
  silent: [],
};

/** Largest JSON body we accept; lifecycle payloads and settings are far smaller. */
const BODY_LIMIT = '64kb';

/** The server application, with the graceful path main.ts takes on SIGTERM. */
export interface PokerApplication extends INestApplication {
  /** Stop taking sockets, move clients to other nodes, finish transactions, close pools. */
  shutdown(): Promise<void>;
}

/**
 * Builds the whole server for a validated config: database (DATABASE_URL or an embedded
 * Postgres under DATA_DIR), migrations, then the Nest application. Tests call it in-process.
 */
export async function createApp(config: AppConfig): Promise<PokerApplication> {
  let databaseUrl = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres(config.dataDir);
    databaseUrl = embedded.url;
    stopEmbedded = () => embedded.stop();
  }
  await runMigrations(databaseUrl);
  const redis: RedisPair | undefined = config.redisUrl
    ? await connectRedis(config.redisUrl, config.zone)
    : undefined;
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, databaseUrl, redis),
    { logger: createAppLogger(config, LOG_LEVELS[config.logLevel]), bodyParser: false },
  );
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.disable('x-powered-by');
  app.use(securityHeaders(config));
  app.set('trust proxy', true);
  const origins = new CrossOriginPolicy(config.appBaseUrl, config.forge?.customUiOrigins ?? []);
  // Forge's Custom UI calls /api/* from Atlassian's CDN origin with `Authorization: Bearer`.
  app.enableCors({
    origin: origins.corsOrigin,
    credentials: false,
    methods: ['GET', 'PUT'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  const sockets = new SocketDrain();
  const metrics = app.get(MetricsService);
  app.useWebSocketAdapter(
    new PokerIoAdapter(
      app,
      redis,
      sockets,
      (event, seconds, outcome) => metrics.observeEvent(event, seconds, outcome),
      origins,
    ),
  );
  // Nest's application proxy ignores assignments and looks `close` up on every call, so keep
  // Nest's own close from the prototype and define ours (and `shutdown`) on the instance.
  const closeNest = (Object.getPrototypeOf(app) as INestApplication).close.bind(app);
  const close = async () => {
    await closeNest();
    await redis?.close();
    await stopEmbedded?.();
  };
  const shutdown = () =>
    shutDownGracefully({
      httpServer: app.getHttpServer(),
      sockets,
      dataSource: app.get(DataSource),
      close,
    });
  Object.defineProperties(app, {
    close: { value: close, configurable: true, writable: true },
    shutdown: { value: shutdown, configurable: true, writable: true },
  });
  return app as NestExpressApplication & PokerApplication;
}
