import { randomBytes } from 'node:crypto';

/**
 * How the platform calls the remote, per the Forge Remote contract: POST for events and
 * scheduled triggers (5 s timeout, 4 retries), any method for UI invocations (25 s, no retry).
 */
export const EVENT_TIMEOUT_MS = 5_000;
export const UI_TIMEOUT_MS = 25_000;
export const EVENT_RETRIES = 4;

export interface RemoteCall {
  url: string;
  method: string;
  /** Minted per attempt: a retry is a new invocation with a fresh FIT. */
  fit: () => string;
  userToken?: string;
  systemToken?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs: number;
}

export interface RemoteAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** The headers the contract lists: FIT as Bearer, B3 trace ids, and the endpoint's tokens. */
function requestHeaders(call: RemoteCall): Record<string, string> {
  return {
    ...call.headers,
    Authorization: `Bearer ${call.fit()}`,
    'x-b3-traceid': randomBytes(16).toString('hex'),
    'x-b3-spanid': randomBytes(8).toString('hex'),
    ...(call.body !== undefined && { 'Content-Type': 'application/json' }),
    ...(call.userToken && { 'x-forge-oauth-user': call.userToken }),
    ...(call.systemToken && { 'x-forge-oauth-system': call.systemToken }),
  };
}

export async function callRemote(call: RemoteCall): Promise<RemoteAnswer> {
  const response = await fetch(call.url, {
    method: call.method,
    headers: requestHeaders(call),
    ...(call.body !== undefined && {
      body: typeof call.body === 'string' ? call.body : JSON.stringify(call.body),
    }),
    signal: AbortSignal.timeout(call.timeoutMs),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export interface Delivery {
  url: string;
  /** The last answer's status; 0 when the remote could not be reached at all. */
  status: number;
  /** 1 + the retries it took. */
  attempts: number;
  responseBody: string;
}

/**
 * An event or scheduled-trigger delivery with Forge's retries, modelled minimally: a 5xx, a
 * timeout or a refused connection is retried up to `retries` times with a doubling delay
 * (Forge waits minutes; tests pass a few milliseconds). A 4xx is final.
 */
export async function deliverEvent(
  call: RemoteCall,
  retries: number,
  retryDelayMs: number,
): Promise<Delivery> {
  let last: Delivery = { url: call.url, status: 0, attempts: 0, responseBody: '' };
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    if (attempt > 0)
      await new Promise((done) => setTimeout(done, retryDelayMs * 2 ** (attempt - 1)));
    try {
      const answer = await callRemote(call);
      last = {
        url: call.url,
        status: answer.status,
        attempts: attempt + 1,
        responseBody: answer.text,
      };
      if (answer.status < 500) return last;
    } catch (error) {
      last = { url: call.url, status: 0, attempts: attempt + 1, responseBody: String(error) };
    }
  }
  return last;
}
