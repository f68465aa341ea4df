import { invokeRemote, requestJira, router, showFlag, view, type FullContext } from '@forge/bridge';
import {
  FORGE_MODULE_KEYS,
  FORGE_ROUTES,
  roomIdOfRoute,
  roomRoute,
  ROOM_LINK_PARAM,
} from '@poker/shared';
import { parseExpiresAt, tokenExpiresAt } from '../session/token-expiry';
import {
  HostRequestError,
  jiraErrorMessage,
  parseJsonBody,
  withTimeout,
  type AppPage,
  type HostBridge,
  type HostContext,
  type HostFlag,
  type HostRequest,
} from './host-bridge';

/** getToken() fetches a new session this long before the current one expires. */
const RENEW_WITHIN_MS = 2 * 60_000;
/** invokeRemote itself gives up after 25 s; a little more covers the bridge's own hops. */
const SESSION_TIMEOUT_MS = 30_000;
/** The room a deep link opens is read from the host's history; never wait long for it. */
const HISTORY_TIMEOUT_MS = 2_000;

const PAGE_BY_MODULE: Record<string, AppPage> = {
  [FORGE_MODULE_KEYS.rooms]: 'rooms',
  [FORGE_MODULE_KEYS.issue]: 'glance',
  [FORGE_MODULE_KEYS.admin]: 'admin',
};

/** `POST /forge/session` as the client keeps it (docs/FORGE.md). */
interface ForgeSession {
  token: string;
  /** Epoch ms: the token's `exp`, else the answer's `expiresAt`. */
  expiresAt: number;
  accountId: string;
  /** Our server's base URL for this site, without a trailing slash. */
  serverUrl: string;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function sessionFrom(body: Record<string, unknown> | undefined): ForgeSession {
  const { token, expiresAt, accountId, socketUrl } = body ?? {};
  if (!isText(token) || !isText(accountId) || !isText(socketUrl)) {
    throw new Error('The app server answered the sign-in without a session.');
  }
  const url = new URL(socketUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error('The app server named a server address that is not http(s).');
  }
  const expires = tokenExpiresAt(token) ?? parseExpiresAt(expiresAt);
  if (expires === null) throw new Error('The app server answered a session without an expiry.');
  return { token, expiresAt: expires, accountId, serverUrl: socketUrl.replace(/\/+$/, '') };
}

function errorMessage(body: Record<string, unknown> | undefined): string | null {
  const error = body?.error as { message?: unknown } | undefined;
  return typeof error?.message === 'string' ? error.message : null;
}

/**
 * Asks our server (the Forge Remote) for a session through Forge: `invokeRemote` carries the
 * Forge Invocation Token and the person's OAuth token, and resolves with the remote's answer
 * as `{ status, headers, body }` (body parsed from JSON).
 */
async function fetchSession(): Promise<ForgeSession> {
  let answer: Awaited<ReturnType<typeof invokeRemote>>;
  try {
    answer = await withTimeout(
      invokeRemote({ path: FORGE_ROUTES.session, method: 'POST', body: {} }),
      'the sign-in to the app',
      SESSION_TIMEOUT_MS,
    );
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`The app server could not be reached through Forge: ${why}`);
  }
  const status = typeof answer?.status === 'number' ? answer.status : 0;
  if (status < 200 || status >= 300) {
    const why = errorMessage(answer?.body) ?? `HTTP ${status || 'without a status'}`;
    throw new Error(`The app server refused the sign-in: ${why}`);
  }
  return sessionFrom(answer.body);
}

interface ExtensionContext {
  issue?: { key?: unknown };
  project?: { key?: unknown };
}

const keyOf = (entity: { key?: unknown } | undefined): string | null =>
  typeof entity?.key === 'string' && entity.key.length > 0 ? entity.key : null;

type PageHistory = Awaited<ReturnType<typeof view.createHistory>>;

/**
 * The Custom UI's own history: on a full page Jira keeps its location in the page URL, so a
 * deep link (`router` with `path: /room/<id>`) or a reload starts there. Null if the host has none.
 */
async function pageHistory(): Promise<PageHistory | null> {
  try {
    return await withTimeout(view.createHistory(), 'the page history', HISTORY_TIMEOUT_MS);
  } catch {
    return null;
  }
}

/**
 * The bridge inside a Forge Custom UI: where it is from `view.getContext()`, Jira REST through
 * `requestJira` (as the person, straight from the browser), our session through `invokeRemote`.
 */
export class ForgeBridge implements HostBridge {
  readonly host = 'forge' as const;
  readonly authScheme = 'Bearer' as const;
  readonly page: AppPage;
  /** What the page needs from the host as parameters (the issue, a deep-linked room). */
  readonly params: URLSearchParams;
  private renewal: Promise<ForgeSession> | null = null;
  private flags = 0;

  private constructor(
    private readonly context: FullContext,
    private session: ForgeSession,
    private readonly history: PageHistory | null,
  ) {
    this.page = PAGE_BY_MODULE[context.moduleKey] ?? 'rooms';
    this.params = new URLSearchParams();
    const where = this.where();
    if (where.issueKey) this.params.set('issueKey', where.issueKey);
    if (where.projectKey) this.params.set('projectKey', where.projectKey);
    const roomId = roomIdOfRoute(history?.location.pathname);
    if (roomId) this.params.set(ROOM_LINK_PARAM, roomId);
  }

  /** Reads the context, turns on Jira's theme, and signs in to our server before the first render. */
  static async create(): Promise<ForgeBridge> {
    const context = await withTimeout(view.getContext(), 'the page context');
    // Dark mode follows Jira: the host sets html[data-color-mode] (tokens.css reacts to it).
    view.theme.enable().catch(() => undefined);
    const [session, history] = await Promise.all([fetchSession(), pageHistory()]);
    return new ForgeBridge(context, session, history);
  }

  /** The session token; a new session is fetched when this one has under two minutes left. */
  async getToken(): Promise<string> {
    if (Date.now() < this.session.expiresAt - RENEW_WITHIN_MS) return this.session.token;
    this.renewal ??= fetchSession().finally(() => {
      this.renewal = null;
    });
    this.session = await this.renewal;
    return this.session.token;
  }

  serverUrl(): string {
    return this.session.serverUrl;
  }

  async request<T>({ url, method = 'GET', body }: HostRequest): Promise<T> {
    let response: Response;
    try {
      response = await requestJira(url, {
        method,
        headers: {
          Accept: 'application/json',
          ...(body !== undefined && { 'Content-Type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new HostRequestError(0, error instanceof Error ? error.message : String(error));
    }
    const text = await response.text();
    if (!response.ok) {
      throw new HostRequestError(response.status, jiraErrorMessage(response.status, text));
    }
    try {
      return parseJsonBody<T>(text);
    } catch {
      throw new HostRequestError(response.status, 'Jira answered with something that is not JSON.');
    }
  }

  /** The person our server signed in (the FIT's `principal`), not the unsigned context. */
  async getCurrentUser(): Promise<{ accountId: string }> {
    return { accountId: this.session.accountId };
  }

  async getContext(): Promise<HostContext> {
    return this.where();
  }

  /** Opens the project's rooms page at the room (the issue panel is too narrow for it). */
  async openRoomPage(roomId: string): Promise<void> {
    const { projectKey } = this.where();
    if (!projectKey) throw new Error('This page does not know its project.');
    await router.navigate({
      target: 'module',
      moduleKey: FORGE_MODULE_KEYS.rooms,
      projectKey,
      path: roomRoute(roomId),
    });
  }

  /** Jira's own URL of the project page at the room's route. */
  async roomLink(roomId: string): Promise<string | null> {
    const { projectKey } = this.where();
    if (!projectKey) return null;
    try {
      const url = await router.getUrl({
        target: 'module',
        moduleKey: FORGE_MODULE_KEYS.rooms,
        projectKey,
        path: roomRoute(roomId),
      });
      return url ? url.toString() : null;
    } catch {
      return null;
    }
  }

  /** The project page's route follows the open room; Jira mirrors it in the page URL. */
  showRoom(roomId: string | null): void {
    if (!this.history || this.page !== 'rooms') return;
    const route = roomId ? roomRoute(roomId) : '/';
    if (this.history.location.pathname !== route) this.history.push(route);
  }

  siteUrl(): string | null {
    return this.context.siteUrl ? this.context.siteUrl.replace(/\/+$/, '') : null;
  }

  /** Custom UI runs in a sandboxed frame: only the host may open a Jira page. */
  async openSiteUrl(url: string): Promise<void> {
    await router.open(url);
  }

  /**
   * `showFlag`: Jira's flag group. `type` picks the icon; `appearance` is left out, since a
   * bold flag has no dismiss button; `isAutoDismiss` closes it after 8 s (Forge's docs).
   */
  async showFlag({ title, description, type, close }: HostFlag): Promise<boolean> {
    try {
      showFlag({
        id: `poker-${++this.flags}`,
        title,
        description,
        type,
        isAutoDismiss: close === 'auto',
      });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * `view.refresh()` in the issue view's panel: Jira re-reads the issue (see docs/ARCHITECTURE.md,
   * "Feedback", for what is confirmed). A page that is not refreshable rejects; nothing to do.
   */
  async refreshIssueView(): Promise<void> {
    if (this.page !== 'glance') return;
    await view.refresh().catch(() => undefined);
  }

  private where(): HostContext {
    const extension = this.context.extension as ExtensionContext | undefined;
    return { issueKey: keyOf(extension?.issue), projectKey: keyOf(extension?.project) };
  }
}
