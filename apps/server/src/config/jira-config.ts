import { z } from 'zod';

/** How the server calls Jira: timeouts and the retries after a 429 or 5xx. */
export interface JiraClientOptions {
  timeoutMs: number;
  /** Retries after a 429 or 5xx, each after Retry-After or an exponential backoff. */
  retries: number;
  /** Longest single wait we accept before giving up (a long Retry-After fails fast). */
  maxWaitMs: number;
  baseDelayMs: number;
}

const ms = (fallback: number) => z.coerce.number().int().min(1).max(120_000).default(fallback);

/** The environment variables behind JiraClientOptions, with production's defaults. */
export const jiraEnv = {
  JIRA_TIMEOUT_MS: ms(10_000),
  JIRA_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  JIRA_MAX_WAIT_MS: ms(10_000),
  JIRA_RETRY_BASE_DELAY_MS: ms(300),
};

type JiraEnv = { [K in keyof typeof jiraEnv]: z.infer<(typeof jiraEnv)[K]> };

export function jiraConfig(e: JiraEnv): JiraClientOptions {
  return {
    timeoutMs: e.JIRA_TIMEOUT_MS,
    retries: e.JIRA_RETRIES,
    maxWaitMs: e.JIRA_MAX_WAIT_MS,
    baseDelayMs: e.JIRA_RETRY_BASE_DELAY_MS,
  };
}
