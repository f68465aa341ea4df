import { createQueryStringHash, encodeSymmetric, fromMethodAndUrl } from 'atlassian-jwt';
import { APP_KEY } from '../connect/descriptor';
import type { JiraClientOptions } from '../config/jira-config';
import { JiraError } from './jira-error';

/** Where Jira answers and how we prove who we are: the app's JWT (Connect) or a Forge token. */
export interface JiraSite {
  baseUrl: string;
  auth: { kind: 'jwt'; sharedSecret: string } | { kind: 'bearer'; token: string };
}

type Query = Record<string, string | number | string[] | undefined>;

/**
 * REST calls to one Jira site. Connect: as the app, an HS256 JWT with the shared secret, `iss` =
 * our app key and the qsh of the exact request (atlassian-jwt). Forge: `Bearer` with the OAuth
 * token Forge handed us. Bodies, answers and tokens are never logged.
 */
export class JiraClient {
  constructor(
    private readonly site: JiraSite,
    private readonly options: JiraClientOptions,
  ) {}

  async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    query: Query = {},
    body?: unknown,
  ): Promise<T> {
    return (await this.exchange<T>(method, path, query, body)).body;
  }

  /** As `request`, with the answer's headers (personal data reporting reads `Cycle-Period`). */
  async exchange<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    query: Query = {},
    body?: unknown,
  ): Promise<{ body: T; headers: Headers }> {
    const pathWithQuery = withQuery(path, query);
    for (let attempt = 0; ; attempt += 1) {
      const response = await this.send(method, pathWithQuery, body);
      if (response.ok) {
        const answer = response.status === 204 ? undefined : await readJson(response);
        return { body: answer as T, headers: response.headers };
      }
      const retryable = response.status === 429 || response.status >= 500;
      const wait = retryDelay(response, attempt, this.options);
      if (!retryable || attempt >= this.options.retries || wait > this.options.maxWaitMs) {
        throw await toJiraError(response);
      }
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private authorization(method: string, pathWithQuery: string): string {
    const { auth } = this.site;
    if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
    const now = Math.floor(Date.now() / 1000);
    const token = encodeSymmetric(
      {
        iss: APP_KEY,
        iat: now,
        exp: now + 180,
        qsh: createQueryStringHash(fromMethodAndUrl(method, pathWithQuery)),
      },
      auth.sharedSecret,
    );
    return `JWT ${token}`;
  }

  private async send(method: string, pathWithQuery: string, body: unknown): Promise<Response> {
    const base = this.site.baseUrl.replace(/\/+$/, '');
    try {
      return await fetch(base + pathWithQuery, {
        method,
        headers: {
          Authorization: this.authorization(method, pathWithQuery),
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new JiraError(
        0,
        timedOut ? 'Jira did not answer in time.' : 'Jira could not be reached.',
      );
    }
  }
}

function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Retry-After (seconds) when Jira sends one, else exponential backoff with jitter. */
function retryDelay(response: Response, attempt: number, options: JiraClientOptions): number {
  const header = Number(response.headers.get('retry-after'));
  if (Number.isFinite(header) && header >= 0 && response.headers.has('retry-after'))
    return header * 1000;
  return options.baseDelayMs * 2 ** attempt * (0.75 + Math.random() / 2);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

async function toJiraError(response: Response): Promise<JiraError> {
  let messages: string[] = [];
  let fieldErrors: Record<string, string> = {};
  try {
    const parsed = (await readJson(response)) as
      { errorMessages?: unknown; errors?: unknown } | undefined;
    if (Array.isArray(parsed?.errorMessages)) messages = parsed.errorMessages.map(String);
    if (parsed?.errors && typeof parsed.errors === 'object') {
      fieldErrors = Object.fromEntries(
        Object.entries(parsed.errors as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
      );
    }
  } catch {
    // Jira answered with something other than JSON (a proxy page): the status says enough.
  }
  const text = [...messages, ...Object.values(fieldErrors)].join(' ') || `HTTP ${response.status}`;
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterMs =
    response.headers.has('retry-after') && Number.isFinite(retryAfter)
      ? retryAfter * 1000
      : undefined;
  return new JiraError(response.status, text, fieldErrors, retryAfterMs);
}
