/**
 * Everything the app takes from Jira goes through this one interface: inside a Connect iframe
 * it is `window.AP` (ap-bridge.ts), inside a Forge Custom UI `@forge/bridge` (forge-bridge.ts),
 * in the local demo the simulator's host page (demo-bridge.ts). Nothing else in the app knows
 * which host it runs in.
 */
export interface HostBridge {
  /** Which host answers; only for diagnostics, never for behaviour. */
  readonly host: 'jira' | 'demo' | 'forge';
  /**
   * How our server reads the token in `Authorization`: `JWT` for a Connect context JWT,
   * `Bearer` for a Forge session token.
   */
  readonly authScheme: 'JWT' | 'Bearer';
  /**
   * Which page the host asked for, when the host says so (Forge: the module key); otherwise
   * the page follows the URL path (Connect and the demo: /app/rooms, /app/glance, /app/admin).
   */
  readonly page?: AppPage;
  /**
   * The page's parameters when the host passes them otherwise than in the URL (Forge: the
   * issue and a deep-linked room); otherwise the page's query string is used.
   */
  readonly params?: URLSearchParams;
  /**
   * A token for our server and the socket (handshake and `session:renew`): a Connect context
   * JWT (qsh `context-qsh`) or, on Forge, our own session token. Fresh enough to use now.
   */
  getToken(): Promise<string>;
  /**
   * Base URL of our server (Socket.IO and `/api/*`), no trailing slash. Connect and the demo:
   * the origin that served this page; Forge: the `socketUrl` of the session answer.
   */
  serverUrl(): string;
  /**
   * Shows an action's result as the host's own flag, in Jira's page outside our iframe
   * (Connect `AP.flag.create`, Forge `showFlag`, the demo host page's stand-in). Resolves false
   * when the host has no flag to show, and the app then shows its own toast (feedback/).
   */
  showFlag(flag: HostFlag): Promise<boolean>;
  /**
   * Makes the issue view around this panel show the issue's fields as Jira now has them,
   * without a reload (Connect `AP.jira.refreshIssuePage()`, Forge `view.refresh()`). Optional:
   * only a host with an issue view has it; it does nothing on other pages.
   */
  refreshIssueView?(): Promise<void>;
  /** A Jira REST call as the current user; resolves with the parsed JSON body. */
  request<T>(request: HostRequest): Promise<T>;
  /** The Atlassian account ID of the person using the app. */
  getCurrentUser(): Promise<{ accountId: string }>;
  /** Where in Jira the iframe sits (the issue and project of a glance). */
  getContext(): Promise<HostContext>;
  /** Opens the app's full-page room view (from the narrow issue glance). */
  openRoomPage(roomId: string): Promise<void>;
  /**
   * A link that opens the room for anyone on the site: Connect, the rooms page with
   * `ac.roomId`; Forge, the project page at the app's route `/room/<id>`; the demo, its page.
   * Null when the host cannot say where it is.
   */
  roomLink(roomId: string): Promise<string | null>;
  /**
   * Records the open room (null: the list) in the host's URL, so that a reload returns to it
   * (Connect `AP.history`, Forge's `view.createHistory()`, the demo page's own URL). Optional:
   * the narrow issue panel has no URL of its own.
   */
  showRoom?(roomId: string | null): void;
  /**
   * The Jira site's base URL without a trailing slash (for links to Jira's own pages, such as
   * a settings page), or null when the host does not say.
   */
  siteUrl(): string | null;
  /**
   * Opens a page of the Jira site when the app's frame cannot follow a link itself (Forge:
   * `router.open`). Absent on Connect and the demo: a link with `target="_top"` does it there.
   */
  openSiteUrl?(url: string): Promise<void>;
}

/** Jira's base URL from a Connect iframe's parameters (`xdm_e` + context path `cp`), or null. */
export function siteUrlFromParams(params: URLSearchParams): string | null {
  const origin = params.get('xdm_e');
  if (!origin) return null;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return `${url.origin}${params.get('cp') ?? ''}`.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/** The pages of the app (one build; the host or the URL picks one). */
export type AppPage = 'rooms' | 'glance' | 'admin';

/**
 * A flag as Jira's APIs take it: AP.flag.create's `title`, `body` (here `description`, Forge's
 * name), `type` and `close` (`auto` fades, `manual` stays until dismissed).
 */
export interface HostFlag {
  title: string;
  description?: string;
  type: 'success' | 'info' | 'warning' | 'error';
  close: 'auto' | 'manual';
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
