/**
 * Everything the app takes from Jira goes through this one interface: inside Jira it is
 * `window.AP` (ap-bridge.ts), in the local demo the simulator's host page (demo-bridge.ts).
 * Nothing else in the app knows which host it runs in.
 */
export interface HostBridge {
  /** Which host answers; only for diagnostics, never for behaviour. */
  readonly host: 'jira' | 'demo';
  /** A fresh context JWT (qsh `context-qsh`) for our server and the socket handshake. */
  getToken(): Promise<string>;
  /** A Jira REST call as the current user; resolves with the parsed JSON body. */
  request<T>(request: HostRequest): Promise<T>;
  /** The Atlassian account ID of the person using the app. */
  getCurrentUser(): Promise<{ accountId: string }>;
  /** Where in Jira the iframe sits (the issue and project of a glance). */
  getContext(): Promise<HostContext>;
  /** Opens the app's full-page room view (from the narrow issue glance). */
  openRoomPage(roomId: string): Promise<void>;
}

export interface HostRequest {
  /** Path on the Jira site, e.g. `/rest/api/3/field`. */
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  /** Sent as JSON. */
  body?: unknown;
}

export interface HostContext {
  issueKey: string | null;
  projectKey: string | null;
}

/** A Jira REST call that did not succeed; `status` is 0 when Jira was not reached. */
export class HostRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HostRequestError';
  }
}

/** Jira's error body (`{ errorMessages, errors }`) as one readable line. */
export function jiraErrorMessage(status: number, bodyText: string): string {
  try {
    const body = JSON.parse(bodyText) as { errorMessages?: unknown; errors?: unknown };
    const messages = Array.isArray(body.errorMessages) ? body.errorMessages.map(String) : [];
    const fieldErrors =
      body.errors && typeof body.errors === 'object'
        ? Object.values(body.errors as Record<string, unknown>).map(String)
        : [];
    const all = [...messages, ...fieldErrors].filter((message) => message.length > 0);
    if (all.length > 0) return all.join(' ');
  } catch {
    // Not JSON: fall through to the status line.
  }
  return status === 0 ? 'Jira could not be reached.' : `Jira answered HTTP ${status}.`;
}

/** Parses a response body; an empty body (204) becomes undefined. */
export function parseJsonBody<T>(text: string): T {
  return (text.length === 0 ? undefined : JSON.parse(text)) as T;
}

/** Rejects when the host does not answer in time, so nothing waits forever on Jira. */
export function withTimeout<T>(promise: Promise<T>, what: string, ms = 15_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = window.setTimeout(() => reject(new Error(`Jira did not answer ${what}.`)), ms);
    promise.then(
      (value) => {
        window.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        window.clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
