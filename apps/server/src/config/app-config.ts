import { z } from 'zod';

/** Environment variables the server reads (DESIGN.md, "HTTP surface"), validated once at start-up. */
const hex64 = /^[0-9a-fA-F]{64}$/;

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    APP_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('./.data'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional(),
    CONNECT_INSTALL_KEYS_URL: z
      .url({ protocol: /^https?$/ })
      .default('https://connect-install-keys.atlassian.com'),
    ZONE: z.enum(['us', 'eu']).default('us'),
    SECRETS_KEY: z.string().regex(hex64, 'must be 64 hex characters (32 bytes)').optional(),
    SENTRY_DSN: z.url().optional(),
    ROOM_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
    // Not in the public contract's list, but tunable by operators; defaults are the product's.
    OWNER_TAKEOVER_SECONDS: z.coerce.number().int().min(1).max(86400).default(120),
    PRIVACY_REPORT_INTERVAL_HOURS: z.coerce
      .number()
      .min(0.001)
      .max(24 * 30)
      .default(24),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.SECRETS_KEY !== undefined, {
    path: ['SECRETS_KEY'],
    message: 'is required when NODE_ENV=production (64 hex characters)',
  });

export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  appBaseUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  connectInstallKeysUrl: string;
  zone: 'us' | 'eu';
  secretsKey: string | undefined;
  sentryDsn: string | undefined;
  roomRetentionDays: number;
  ownerTakeoverSeconds: number;
  privacyReportIntervalHours: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export class ConfigError extends Error {}

/** Empty strings count as unset, as operators write `FOO=` to clear a variable. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]),
  );
}

/** Parses the environment; throws ConfigError whose message is one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = envSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const got = env[name] === undefined ? '' : ` (got "${env[name]}")`;
      return `Invalid configuration: ${name} ${issue.message}${got}`;
    });
    throw new ConfigError(lines.join('\n'));
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    appBaseUrl: (e.APP_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    connectInstallKeysUrl: e.CONNECT_INSTALL_KEYS_URL.replace(/\/+$/, ''),
    zone: e.ZONE,
    secretsKey: e.SECRETS_KEY,
    sentryDsn: e.SENTRY_DSN,
    roomRetentionDays: e.ROOM_RETENTION_DAYS,
    ownerTakeoverSeconds: e.OWNER_TAKEOVER_SECONDS,
    privacyReportIntervalHours: e.PRIVACY_REPORT_INTERVAL_HOURS,
    logLevel: e.LOG_LEVEL,
  };
}
