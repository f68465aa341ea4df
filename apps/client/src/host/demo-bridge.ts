import { followDemoColorMode } from './color-mode';
import {
  HostRequestError,
  jiraErrorMessage,
  parseJsonBody,
  type HostBridge,
  type HostContext,
  type HostFlag,
  type HostRequest,
} from './host-bridge';

/**
 * The message channel shared with the simulator's host page (apps/jira-sim/src/routes/
 * host-page-script.ts). Requests: `{ channel, id, method, params }`; answers:
 * `{ channel, id, ok: true, result }` or `{ channel, id, ok: false, message }`.
 */
export const DEMO_CHANNEL = 'poker-demo-bridge';
const ANSWER_TIMEOUT_MS = 15_000;

type DemoMethod =
  | 'getToken'
  | 'request'
  | 'getCurrentUser'
  | 'getContext'
  | 'openRoomPage'
  | 'showRoom'
  | 'flag'
  | 'refreshIssuePage';

interface DemoAnswer {
  channel: typeof DEMO_CHANNEL;
  id: number;
  ok: boolean;
  result?: unknown;
  message?: string;
}

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: number;
}

function isAnswer(data: unknown): data is DemoAnswer {
  const answer = data as Partial<DemoAnswer> | null;
  return answer?.channel === DEMO_CHANNEL && typeof answer.id === 'number';
}

/**
 * The bridge in the local demo: the host page that embeds the app answers over postMessage,
 * only to and from its own origin (the `xdm_e` parameter, as Jira names its base URL).
 */
export class DemoBridge implements HostBridge {
  readonly host = 'demo' as const;
  readonly authScheme = 'JWT' as const;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly hostOrigin: string) {
    // Dark mode follows the host page's `theme` switch, else the system's setting.
    followDemoColorMode(new URLSearchParams(window.location.search).get('theme'));
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (event.source !== window.parent || event.origin !== this.hostOrigin) return;
      if (!isAnswer(event.data)) return;
      const waiting = this.pending.get(event.data.id);
      if (!waiting) return;
      this.pending.delete(event.data.id);
      window.clearTimeout(waiting.timer);
      if (event.data.ok) waiting.resolve(event.data.result);
      else waiting.reject(new Error(event.data.message ?? 'The host page refused the request.'));
    });
  }

  getToken(): Promise<string> {
    return this.call<string>('getToken');
  }

  /** The simulator frames the page from our own server, as Jira does a Connect app. */
  serverUrl(): string {
    return window.location.origin;
  }

  async request<T>({ url, method = 'GET', body }: HostRequest): Promise<T> {
    let answer: { status: number; body: string };
    try {
      answer = await this.call('request', { url, method, body });
    } catch (error) {
      throw new HostRequestError(0, error instanceof Error ? error.message : String(error));
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw new HostRequestError(answer.status, jiraErrorMessage(answer.status, answer.body));
    }
    try {
      return parseJsonBody<T>(answer.body);
    } catch {
      throw new HostRequestError(answer.status, 'Jira answered with something that is not JSON.');
    }
  }

  getCurrentUser(): Promise<{ accountId: string }> {
    return this.call('getCurrentUser');
  }

  getContext(): Promise<HostContext> {
    return this.call('getContext');
  }

  openRoomPage(roomId: string): Promise<void> {
    return this.call('openRoomPage', { roomId });
  }

  /** The demo's rooms page with the room open; whoever opens it picks who they are there. */
  async roomLink(roomId: string): Promise<string | null> {
    const url = new URL('/', this.hostOrigin);
    url.searchParams.set('roomId', roomId);
    return url.toString();
  }

  /** The host page keeps the room in its own URL (`?roomId=`), as Jira keeps `ac.` parameters. */
  showRoom(roomId: string | null): void {
    this.call('showRoom', { roomId }).catch(() => undefined);
  }

  /**
   * The host page shows the flag as all.js's `AP.flag.create` would (same options: `body`,
   * `type`, `close`); a host page without flags refuses, and the app shows its own toast.
   */
  async showFlag({ title, description, type, close }: HostFlag): Promise<boolean> {
    try {
      await this.call('flag', { title, body: description, type, close });
      return true;
    } catch {
      return false;
    }
  }

  /** As `AP.jira.refreshIssuePage()`: the host page's issue view re-reads the issue. */
  async refreshIssueView(): Promise<void> {
    await this.call('refreshIssuePage').catch(() => undefined);
  }

  /** The simulator's host page is the Jira site. */
  siteUrl(): string | null {
    return this.hostOrigin;
  }

  private call<T>(method: DemoMethod, params?: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = window.setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`The host page did not answer ${method}.`));
      }, ANSWER_TIMEOUT_MS);
      this.pending.set(id, { resolve: (result) => resolve(result as T), reject, timer });
      window.parent.postMessage({ channel: DEMO_CHANNEL, id, method, params }, this.hostOrigin);
    });
  }
}
