import type { JiraSim } from '../../apps/jira-sim/src';

/**
 * `/api/settings` of the server at `serverUrl`, as a person of a Connect site (their context
 * JWT): with a body a PUT (e.g. an admin choosing the estimate field, which many suites need
 * before a save), without one a GET.
 */
export function settingsRequest(
  serverUrl: string,
  site: JiraSim,
  accountId: string,
  body?: object,
): Promise<Response> {
  return fetch(`${serverUrl}/api/settings`, {
    method: body ? 'PUT' : 'GET',
    headers: {
      Authorization: `JWT ${site.contextToken(accountId)}`,
      'Content-Type': 'application/json',
    },
    body: body ? JSON.stringify(body) : undefined,
  });
}
