import type { JiraSim } from './jira-sim';

/** What a call answered: status, headers and the parsed JSON body (undefined when empty). */
export interface RestAnswer {
  status: number;
  headers: Headers;
  // Specs read into the body freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/**
 * Calls a simulated site as the installed Connect app (a JWT with the right qsh), or as a
 * signed-in person (the `sim_user` cookie) when `asUser` is given. For specs and tools.
 * A string body is sent as it is, with `Content-Type: application/json`.
 */
export function restCaller(sim: JiraSim) {
  return async (
    method: string,
    path: string,
    body?: object | string,
    asUser?: string,
  ): Promise<RestAnswer> => {
    const headers: Record<string, string> = asUser
      ? { Cookie: `sim_user=${encodeURIComponent(asUser)}` }
      : { Authorization: `JWT ${sim.appToken(method, path)}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(sim.url + path, {
      method,
      headers,
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
  };
}
