import { z } from 'zod';
import { jiraConfig, jiraEnv, type JiraClientOptions } from './jira-config';
import { rateLimitsConfig, rateLimitsEnv, type RateLimitsConfig } from './rate-limits-config';

/** Environment variables the server reads (DESIGN.md, "HTTP surface"), validated once at start-up. */
const hex64 = /^[0-9a-fA-F]{64}$/;

/** A data-residency location as Atlassian names it in `regionBaseUrls` (US, EU, DE, AU, ...). */
const LOCATION = /^[A-Z]{2,10}$/;

/**
 * `REGION_BASE_URLS=US=https://us.example.com,EU=https://eu.example.com`: the descriptor's
 * `regionBaseUrls`, so Jira sends each pinned site's install to the zone that serves it.
 */
const regionBaseUrlsSchema = z.string().transform((text, ctx) => {
  const urls: Record<string, string> = {};
  const entries = text.split(',').map((part) => part.trim());
  for (const entry of entries.filter(Boolean)) {
    const [location, ...rest] = entry.split('=');
    const url = rest.join('=').trim().replace(/\/+$/, '');
    const key = location.trim();
    if (!LOCATION.test(key) || !z.url({ protocol: /^https?$/ }).safeParse(url).success) {
      ctx.addIssue({
        code: 'custom',
        message: `must be LOCATION=URL pairs separated by commas (bad entry "${entry}")`,
      });
      return z.NEVER;
    }
    if (key in urls) {
      ctx.addIssue({ code: 'custom', message: `names ${key} twice` });
      return z.NEVER;
    }
    urls[key] = url;
  }
  if (Object.keys(urls).length === 0) {
    ctx.addIssue({ code: 'custom', message: 'must name at least one LOCATION=URL pair' });
    return z.NEVER;
  }
  return urls;
});

/** A CSP source allowed to frame our pages: 'self' or an http(s) origin (`https://*.atlassian.net`). */
const FRAME_SOURCE =
  /^(?:'self'|https?:\/\/(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::(?:\d{1,5}|\*))?)$/;

/** `FRAME_ANCESTORS=https://*.atlassian.net https://*.jira.com`: who may show the app in a frame. */
const frameAncestorsSchema = z.string().transform((text, ctx) => {
  const sources = text.split(/[\s,]+/).filter(Boolean);
  const bad = sources.find((source) => !FRAME_SOURCE.test(source));
  if (sources.length === 0 || bad !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must be origins like https://*.atlassian.net separated by spaces (bad entry "${bad ?? ''}")`,
    });
    return z.NEVER;
  }
  return sources;
});

/** A Forge app ID as the FIT's `aud` carries it. */
const FORGE_APP_ID = /^ari:cloud:ecosystem::app\/[0-9a-fA-F-]{36}$/;

/** An origin Forge serves Custom UI from, optionally with a wildcard first label. */
const UI_ORIGIN = /^https?:\/\/(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?$/;

/** `FORGE_CUSTOM_UI_ORIGINS=https://*.cdn.prod.atlassian-dev.net`: who may long-poll cross-origin. */
const uiOriginsSchema = z.string().transform((text, ctx) => {
  const origins = text.split(/[\s,]+/).filter(Boolean);
  const bad = origins.find((origin) => !UI_ORIGIN.test(origin));
  if (origins.length === 0 || bad !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must be origins like https://*.cdn.prod.atlassian-dev.net separated by spaces (bad entry "${bad ?? ''}")`,
    });
    return z.NEVER;
  }
  return origins;
});

/** A host Jira may install from: `*.atlassian.net` (any subdomain) or an exact host (`127.0.0.1`). */
const HOST_PATTERN = /^(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$|^\[[0-9A-Fa-f:.]+\]$/;

/**
 * Jira Cloud's own hosts (the allow-list atlassian-connect-express ships with): an install whose
 * `baseUrl` is elsewhere would point every outbound call of the app at a host of the caller's choice.
 */
export const ATLASSIAN_HOSTS = ['*.atlassian.net', '*.jira.com', '*.jira-dev.com'];
/** The simulator and local demo run on loopback; allowed by default outside production only. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** `CONNECT_ALLOWED_HOSTS=*.atlassian.net 127.0.0.1`: where a Connect install may come from. */
const allowedHostsSchema = z.string().transform((text, ctx) => {
  const hosts = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((host) => host.toLowerCase());
  const bad = hosts.find((host) => !HOST_PATTERN.test(host));
  if (hosts.length === 0 || bad !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `must be host names like *.atlassian.net or 127.0.0.1 separated by spaces (bad entry "${bad ?? ''}")`,
    });
    return z.NEVER;
  }
  return hosts;
});

/** Loopback: nobody but this machine can reach it, so it alone may be plain http in production. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

/** Variables whose value must never be echoed in an error message (keys, passwords in URLs). */
const SECRET_VARIABLES = new Set([
  'SECRETS_KEY',
  'DATABASE_URL',
  'REDIS_URL',
  'SENTRY_DSN',
  'METRICS_TOKEN',
]);

const envSchema = z
  .object({
    // Unset: see effectiveNodeEnv (a public APP_BASE_URL means production).
    NODE_ENV: z.enum(['development', 'test', 'production']),
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
    // Unset: Atlassian's hosts, plus loopback outside production (the simulator, the demo).
    CONNECT_ALLOWED_HOSTS: allowedHostsSchema.optional(),
    SECRETS_KEY: z.string().regex(hex64, 'must be 64 hex characters (32 bytes)').optional(),
    // Checked here because the SDK only prints a warning and stays off for a malformed DSN.
    SENTRY_DSN: z
      .url({ protocol: /^https?$/ })
      .regex(
        /^https?:\/\/\w+(?::\w*)?@[^/]+\/(?:[^?#]*\/)?\d+$/,
        'must be a Sentry DSN (https://<key>@<host>/<project id>)',
      )
      .optional(),
    ROOM_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
    // Not in the public contract's list, but tunable by operators; defaults are the product's.
    OWNER_TAKEOVER_SECONDS: z.coerce.number().int().min(1).max(86400).default(120),
    PRIVACY_REPORT_INTERVAL_HOURS: z.coerce
      .number()
      .min(0.001)
      .max(24 * 30)
      .default(24),
    // How long Atlassian's personal data reporting cycle is (its `Cycle-Period`, P7D by default):
    // each stored account is reported once per cycle, spread over the runs of the cycle.
    PRIVACY_REPORT_CYCLE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    // When set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` (the scraper's).
    METRICS_TOKEN: z
      .string()
      .regex(/^[\x21-\x7e]{16,256}$/, 'must be 16 to 256 printable characters without spaces')
      .optional(),
    // JSON lines for log collectors; the default is JSON in production, text elsewhere.
    LOG_FORMAT: z.enum(['text', 'json']).optional(),
    REGION_BASE_URLS: regionBaseUrlsSchema.optional(),
    FRAME_ANCESTORS: frameAncestorsSchema.optional(),
    // Forge (DESIGN.md "Forge"): the front door is on when FORGE_APP_ID is set.
    FORGE_APP_ID: z
      .string()
      .regex(FORGE_APP_ID, 'must be ari:cloud:ecosystem::app/<uuid>')
      .optional(),
    FORGE_JWKS_URL: z
      .url({ protocol: /^https?$/ })
      .default('https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json'),
    FORGE_CUSTOM_UI_ORIGINS: uiOriginsSchema.default(['https://*.cdn.prod.atlassian-dev.net']),
    // Unconfirmed for remotes (shared/FORGE.md), so configurable: Atlassian's OAuth-app endpoint.
    FORGE_REPORT_ACCOUNTS_URL: z
      .url({ protocol: /^https?$/ })
      .default('https://api.atlassian.com/app/report-accounts/'),
    ...rateLimitsEnv,
    ...jiraEnv,
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.SECRETS_KEY !== undefined, {
    path: ['SECRETS_KEY'],
    message: 'is required when NODE_ENV=production (64 hex characters)',
  })
  // Production fails closed: no guessed public URL, no embedded database, no plain http
  // (tokens and shared secrets would cross the network in clear). Loopback is exempt: only
  // this machine can reach it (a production-mode benchmark), and Jira never can.
  .refine(
    (env) =>
      env.NODE_ENV !== 'production' ||
      (env.APP_BASE_URL !== undefined &&
        (env.APP_BASE_URL.startsWith('https://') || isLoopbackUrl(env.APP_BASE_URL))),
    {
      path: ['APP_BASE_URL'],
      message: 'is required when NODE_ENV=production and must be an https:// URL',
    },
  )
  .refine((env) => env.NODE_ENV !== 'production' || env.DATABASE_URL !== undefined, {
    path: ['DATABASE_URL'],
    message: 'is required when NODE_ENV=production (the embedded Postgres is for development)',
  })
  .refine((env) => ownZoneUrlMatches(env.REGION_BASE_URLS, env.ZONE, env.APP_BASE_URL), {
    path: ['REGION_BASE_URLS'],
    message:
      "must send this zone's location (ZONE in upper case) to this deployment's APP_BASE_URL",
  });

/** A deployment must not point its own zone's installs at another deployment. */
function ownZoneUrlMatches(
  urls: Record<string, string> | undefined,
  zone: string,
  appBaseUrl: string | undefined,
): boolean {
  const own = urls?.[zone.toUpperCase()];
  return !own || !appBaseUrl || own === appBaseUrl.replace(/\/+$/, '');
}

export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  appBaseUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  redisUrl: string | undefined;
  connectInstallKeysUrl: string;
  /** Hosts (`*.atlassian.net`, `127.0.0.1`) a Connect install's `baseUrl` may name. */
  connectAllowedHosts: string[];
  zone: 'us' | 'eu';
  secretsKey: string | undefined;
  sentryDsn: string | undefined;
  roomRetentionDays: number;
  ownerTakeoverSeconds: number;
  privacyReportIntervalHours: number;
  privacyReportCycleDays: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Bearer token /metrics requires; undefined: open (keep it off the proxy, deploy/nginx.conf). */
  metricsToken: string | undefined;
  logFormat: 'text' | 'json';
  /** Location (US, EU, ...) → base URL of the zone serving it; the descriptor's regionBaseUrls. */
  regionBaseUrls: Record<string, string> | undefined;
  /** Origins allowed to frame the app (CSP frame-ancestors); unset: Jira Cloud's hosts. */
  frameAncestors: string[] | undefined;
  /** Forge front door; undefined when FORGE_APP_ID is unset (Connect only). */
  forge: ForgeConfig | undefined;
  /** Abuse limits per socket event, account, site, HTTP route group and Jira budget. */
  rateLimits: RateLimitsConfig;
  /** Timeouts and retries of the calls to Jira. */
  jira: JiraClientOptions;
}

export interface ForgeConfig {
  /** `ari:cloud:ecosystem::app/<uuid>`: the `aud` every FIT must carry. */
  appId: string;
  jwksUrl: string;
  /** Origins (with `*.` wildcards) allowed to long-poll Socket.IO cross-origin. */
  customUiOrigins: string[];
  reportAccountsUrl: string;
}

export class ConfigError extends Error {}

/**
 * NODE_ENV as set; unset, a deployment with a public APP_BASE_URL is production (a forgotten
 * variable must not switch off production's checks), anything local is development.
 */
function effectiveNodeEnv(env: Record<string, string>): string {
  if (env.NODE_ENV !== undefined) return env.NODE_ENV;
  const local = env.APP_BASE_URL === undefined || isLoopbackUrl(env.APP_BASE_URL);
  return local ? 'development' : 'production';
}

/** Empty strings count as unset, as operators write `FOO=` to clear a variable. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]),
  );
}

/** Parses the environment; throws ConfigError whose message is one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const present = withoutEmpty(env);
  const parsed = envSchema.safeParse({ ...present, NODE_ENV: effectiveNodeEnv(present) });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const hidden = env[name] === undefined || SECRET_VARIABLES.has(name);
      const got = hidden ? '' : ` (got "${env[name]}")`;
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
    connectAllowedHosts:
      e.CONNECT_ALLOWED_HOSTS ??
      (e.NODE_ENV === 'production' ? ATLASSIAN_HOSTS : [...ATLASSIAN_HOSTS, ...LOOPBACK_HOSTS]),
    zone: e.ZONE,
    secretsKey: e.SECRETS_KEY,
    sentryDsn: e.SENTRY_DSN,
    roomRetentionDays: e.ROOM_RETENTION_DAYS,
    ownerTakeoverSeconds: e.OWNER_TAKEOVER_SECONDS,
    privacyReportIntervalHours: e.PRIVACY_REPORT_INTERVAL_HOURS,
    privacyReportCycleDays: e.PRIVACY_REPORT_CYCLE_DAYS,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'production' ? 'json' : 'text'),
    regionBaseUrls: e.REGION_BASE_URLS,
    frameAncestors: e.FRAME_ANCESTORS,
    forge: e.FORGE_APP_ID
      ? {
          appId: e.FORGE_APP_ID,
          jwksUrl: e.FORGE_JWKS_URL,
          customUiOrigins: e.FORGE_CUSTOM_UI_ORIGINS,
          reportAccountsUrl: e.FORGE_REPORT_ACCOUNTS_URL,
        }
      : undefined,
    rateLimits: rateLimitsConfig(e),
    jira: jiraConfig(e),
  };
}
