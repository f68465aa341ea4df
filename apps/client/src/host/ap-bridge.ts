import { connectRoomLink, roomIdOfRoute, roomRoute, ROOM_LINK_PARAM } from '@poker/shared';
import {
  HostRequestError,
  jiraErrorMessage,
  parseJsonBody,
  siteUrlFromParams,
  withTimeout,
  type HostBridge,
  type HostContext,
  type HostFlag,
  type HostRequest,
} from './host-bridge';

/** Connect requires all.js from Atlassian's CDN; it defines `window.AP`. */
const ALL_JS_URL = 'https://connect-cdn.atl-paas.net/all.js';
const LOAD_TIMEOUT_MS = 10_000;

interface ApXhr {
  status: number;
  responseText: string;
}

interface ApContext {
  jira?: { issue?: { key?: string }; project?: { key?: string } };
}

/** The slice of all.js the app uses (Connect JavaScript API, callback style). */
interface ConnectAp {
  context: {
    getToken(callback: (token: string) => void): void;
    getContext(callback: (context: ApContext) => void): void;
  };
  user: { getCurrentUser(callback: (user: { atlassianAccountId: string }) => void): void };
  request(options: {
    url: string;
    type: string;
    contentType?: string;
    data?: string;
    success(responseText: string): void;
    error(xhr: ApXhr, statusText: string, errorThrown: unknown): void;
  }): void;
  navigator: { go(target: string, context: Record<string, unknown>): void };
  /** Jira's theme in the iframe: `data-color-mode` on <html> and Jira's design tokens. */
  theming?: { initializeTheming(): void };
  /**
   * Page modules' history: the state lives in the Jira page's URL (after `#!`), so a reload
   * brings it back. Optional: a host without it keeps no room across a reload.
   */
  history?: {
    pushState(state: string): void;
    replaceState?(state: string): void;
    getState(): unknown;
  };
  /** Jira flags; all.js has had them for years, but nothing breaks if a host lacks them. */
  flag?: {
    create(options: {
      title: string;
      body?: string;
      type?: string;
      close?: 'auto' | 'manual';
    }): unknown;
  };
  /** Jira's own functions; `refreshIssuePage` re-reads the issue view around an issue module. */
  jira?: { refreshIssuePage?(): void };
}

declare global {
  interface Window {
    AP?: ConnectAp;
  }
}

/** Loads all.js unless the page already has it, and resolves with `window.AP`. */
export function loadConnectAp(): Promise<ConnectAp> {
  if (window.AP) return Promise.resolve(window.AP);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = ALL_JS_URL;
    script.async = true;
    script.dataset.options = 'sizeToParent:true';
    const timer = window.setTimeout(
      () => reject(new Error('all.js did not load')),
      LOAD_TIMEOUT_MS,
    );
    script.onload = () => {
      window.clearTimeout(timer);
      if (window.AP) resolve(window.AP);
      else reject(new Error('all.js loaded but defined no AP'));
    };
    script.onerror = () => {
      window.clearTimeout(timer);
      reject(new Error('all.js could not be loaded'));
    };
    document.head.append(script);
  });
}

/** The bridge inside Jira: every call goes to all.js. */
export class ApBridge implements HostBridge {
  readonly host = 'jira' as const;
  readonly authScheme = 'JWT' as const;

  /** The page's parameters, with the room the Jira URL's history state names (after a reload). */
  readonly params: URLSearchParams;

  constructor(private readonly ap: ConnectAp) {
    // Dark mode follows Jira (tokens.css reads data-color-mode); an old all.js has no theming.
    ap.theming?.initializeTheming();
    this.params = new URLSearchParams(window.location.search);
    if (!this.params.get(ROOM_LINK_PARAM)) {
      const roomId = roomIdOfRoute(historyState(ap));
      if (roomId) this.params.set(ROOM_LINK_PARAM, roomId);
    }
  }

  /** Connect serves the iframe from our own server. */
  serverUrl(): string {
    return window.location.origin;
  }

  /** `AP.flag.create`: Jira's flag group, outside the iframe. */
  async showFlag({ title, description, type, close }: HostFlag): Promise<boolean> {
    if (!this.ap.flag) return false;
    this.ap.flag.create({ title, body: description, type, close });
    return true;
  }

  /** `AP.jira.refreshIssuePage()`: the issue view re-reads the issue without a reload. */
  async refreshIssueView(): Promise<void> {
    this.ap.jira?.refreshIssuePage?.();
  }

  getToken(): Promise<string> {
    return withTimeout(
      new Promise((resolve) => this.ap.context.getToken(resolve)),
      'the token request',
    );
  }

  request<T>({ url, method = 'GET', body }: HostRequest): Promise<T> {
    return new Promise((resolve, reject) => {
      this.ap.request({
        url,
        type: method,
        ...(body !== undefined && { contentType: 'application/json', data: JSON.stringify(body) }),
        success: (text) => {
          try {
            resolve(parseJsonBody<T>(text));
          } catch {
            reject(new HostRequestError(200, 'Jira answered with something that is not JSON.'));
          }
        },
        error: (xhr) => {
          reject(new HostRequestError(xhr.status, jiraErrorMessage(xhr.status, xhr.responseText)));
        },
      });
    });
  }

  getCurrentUser(): Promise<{ accountId: string }> {
    return withTimeout(
      new Promise((resolve) =>
        this.ap.user.getCurrentUser((user) => resolve({ accountId: user.atlassianAccountId })),
      ),
      'who is signed in',
    );
  }

  getContext(): Promise<HostContext> {
    const answer = new Promise<HostContext>((resolve) =>
      this.ap.context.getContext((context) =>
        resolve({
          issueKey: context.jira?.issue?.key ?? null,
          projectKey: context.jira?.project?.key ?? null,
        }),
      ),
    );
    return withTimeout(answer, 'the page context');
  }

  /** Jira names its own base URL in the iframe's parameters. */
  siteUrl(): string | null {
    return siteUrlFromParams(new URLSearchParams(window.location.search));
  }

  async roomLink(roomId: string): Promise<string | null> {
    const site = this.siteUrl();
    return site ? connectRoomLink(site, roomId) : null;
  }

  showRoom(roomId: string | null): void {
    const state = roomId ? roomRoute(roomId) : '/';
    try {
      if (this.ap.history?.replaceState) this.ap.history.replaceState(state);
      else this.ap.history?.pushState(state);
    } catch {
      // A host without page history: the room stays open, a reload shows the list.
    }
  }

  async openRoomPage(roomId: string): Promise<void> {
    // Without addonKey Jira means this app; customData reaches the page as `ac.*` parameters.
    this.ap.navigator.go('addonmodule', { moduleKey: 'poker-rooms', customData: { roomId } });
  }
}

/** The Jira page's history state (a string in all.js), or null. */
function historyState(ap: ConnectAp): string | null {
  try {
    const state = ap.history?.getState();
    return typeof state === 'string' ? state : null;
  } catch {
    return null;
  }
}
