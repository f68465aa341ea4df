import { z } from 'zod';

/** How fast a bucket refills and how much it holds: `burst` events at once, then `perSecond`. */
export interface RateRule {
  burst: number;
  perSecond: number;
}

const count = (fallback: number) =>
  z.coerce.number().int().min(1).max(10_000_000).default(fallback);
const rate = (fallback: number) => z.coerce.number().min(0.001).max(10_000_000).default(fallback);

/**
 * Abuse limits (docs/DEPLOY.md "Rate limits"). Defaults leave room for a busy site; tests and
 * operators set smaller ones. Spread into the environment schema of config/app-config.ts.
 */
export const rateLimitsEnv = {
  RATE_LIMIT_ACCOUNT_BURST: count(120),
  RATE_LIMIT_ACCOUNT_PER_SECOND: rate(40),
  RATE_LIMIT_SITE_BURST: count(20_000),
  RATE_LIMIT_SITE_PER_SECOND: rate(5_000),
  SOCKETS_PER_ACCOUNT: count(30),
  HTTP_RATE_LIMIT_API_PER_MINUTE: count(300),
  HTTP_RATE_LIMIT_LIFECYCLE_PER_MINUTE: count(120),
  HTTP_RATE_LIMIT_FORGE_PER_MINUTE: count(1_200),
  JIRA_BUDGET_SITE_BURST: count(1_000),
  JIRA_BUDGET_SITE_PER_MINUTE: rate(1_200),
  JIRA_BUDGET_RESERVED_SHARE: z.coerce.number().min(0).max(0.9).default(0.2),
  JIRA_BUDGET_ACCOUNT_BURST: count(30),
  JIRA_BUDGET_ACCOUNT_PER_MINUTE: rate(60),
};

type RateLimitsEnv = { [K in keyof typeof rateLimitsEnv]: z.infer<(typeof rateLimitsEnv)[K]> };

/** The HTTP route groups that are limited, by path prefix. */
export type HttpRouteGroup = 'api' | 'lifecycle' | 'forge';

export interface RateLimitsConfig {
  /** Socket events of one person (tenant + account), over all their sockets and nodes. */
  account: RateRule;
  /** Socket events of one site, over all its people. */
  site: RateRule;
  /** Open sockets of one person across nodes. */
  socketsPerAccount: number;
  /** HTTP requests per client address, by route group. */
  http: Record<HttpRouteGroup, RateRule>;
  jira: {
    /** The site's budget of Jira-calling operations. */
    site: RateRule;
    /** Share of `site` only estimate saves and privacy reporting may spend. */
    reservedShare: number;
    /** One person's share of the interactive (JQL, look-ups, checks) part. */
    account: RateRule;
  };
}

const perMinute = (n: number): RateRule => ({ burst: n, perSecond: n / 60 });

export function rateLimitsConfig(e: RateLimitsEnv): RateLimitsConfig {
  return {
    account: { burst: e.RATE_LIMIT_ACCOUNT_BURST, perSecond: e.RATE_LIMIT_ACCOUNT_PER_SECOND },
    site: { burst: e.RATE_LIMIT_SITE_BURST, perSecond: e.RATE_LIMIT_SITE_PER_SECOND },
    socketsPerAccount: e.SOCKETS_PER_ACCOUNT,
    http: {
      api: perMinute(e.HTTP_RATE_LIMIT_API_PER_MINUTE),
      lifecycle: perMinute(e.HTTP_RATE_LIMIT_LIFECYCLE_PER_MINUTE),
      forge: perMinute(e.HTTP_RATE_LIMIT_FORGE_PER_MINUTE),
    },
    jira: {
      site: { burst: e.JIRA_BUDGET_SITE_BURST, perSecond: e.JIRA_BUDGET_SITE_PER_MINUTE / 60 },
      reservedShare: e.JIRA_BUDGET_RESERVED_SHARE,
      account: {
        burst: e.JIRA_BUDGET_ACCOUNT_BURST,
        perSecond: e.JIRA_BUDGET_ACCOUNT_PER_MINUTE / 60,
      },
    },
  };
}
