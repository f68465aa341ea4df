/** A Jira REST call that did not succeed. Holds Jira's status and messages, never the body we sent. */
export class JiraError extends Error {
  override readonly name = 'JiraError';

  constructor(
    /** HTTP status, or 0 when Jira could not be reached or timed out. */
    readonly status: number,
    message: string,
    /** Jira's per-field messages (`errors`), e.g. why a value was rejected. */
    readonly fieldErrors: Record<string, string> = {},
    /** How long Jira asked us to wait (Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
