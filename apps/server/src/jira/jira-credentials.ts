/**
 * How a Jira call is made. Without credentials the app signs as itself (Connect: HS256 with the
 * shared secret). On Forge every call carries an OAuth token from the call Forge made to us:
 * the person's (`x-forge-oauth-user`), so Jira enforces their browse and edit permissions and
 * names them in the issue history, or the app's (`x-forge-oauth-system`) for background jobs.
 * Tokens live in memory only; never log, store or report them.
 */
export type JiraCredentials =
  | { kind: 'forge-user'; apiBaseUrl: string; token: string }
  | { kind: 'forge-system'; apiBaseUrl: string; token: string };

/** Who a Jira call is for: the tenant, and the Forge credentials when the call has them. */
export interface JiraCaller {
  tenantId: string;
  jira?: JiraCredentials;
}
