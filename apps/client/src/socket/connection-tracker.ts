import type { PokerSocket } from './poker-socket';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'resynced' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Why, when something is wrong (the server's refusal, the browser being offline). */
  detail: string | null;
}

/** How long "Resynced" stays up after a reconnect before it settles to "Live". */
const RESYNCED_MS = 4000;
/** A refused handshake stops socket.io's own retries; we try again after this. */
const RETRY_REFUSED_MS = 5000;

type Resync = () => Promise<void>;

/**
 * Follows the socket's life as the status bar shows it, and on every reconnect runs the
 * registered resyncs (re-joining the open room) before it reports "Resynced".
 */
export class ConnectionTracker {
  private state: ConnectionState = { status: 'connecting', detail: null };
  private readonly listeners = new Set<() => void>();
  private readonly resyncs = new Set<Resync>();
  private everConnected = false;
  private settleTimer: number | undefined;
  private retryTimer: number | undefined;

  constructor(private readonly socket: PokerSocket) {
    socket.on('connect', () => void this.connected());
    socket.on('disconnect', (reason) => {
      const detail = reason === 'io server disconnect' ? 'The server closed the connection.' : null;
      this.set(socket.active ? 'reconnecting' : 'offline', detail);
    });
    socket.on('connect_error', (error) => this.refused(error.message));
    socket.io.on('reconnect_attempt', () => this.set('reconnecting', this.state.detail));
    window.addEventListener('offline', () => this.set('offline', 'Your browser is offline.'));
    window.addEventListener('online', () => {
      // The socket may have survived a short outage; otherwise its events take over from here.
      if (socket.connected) this.set('live', null);
      else socket.connect();
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly current = (): ConnectionState => this.state;

  /**
   * Whether the socket was connected once and is not now: an emit would sit in socket.io's
   * buffer and go out after the reconnect, before the room is re-joined, against whatever
   * round is open by then. Callers refuse instead (see `pokerFor`).
   */
  get lostConnection(): boolean {
    return this.everConnected && !this.socket.connected;
  }

  /** Runs `resync` after every reconnect; returns the function that stops it. */
  onResync(resync: Resync): () => void {
    this.resyncs.add(resync);
    return () => this.resyncs.delete(resync);
  }

  private async connected(): Promise<void> {
    window.clearTimeout(this.retryTimer);
    if (!this.everConnected) {
      this.everConnected = true;
      this.set('live', null);
      return;
    }
    await Promise.allSettled([...this.resyncs].map((resync) => resync()));
    if (!this.socket.connected) return;
    this.set('resynced', null);
    window.clearTimeout(this.settleTimer);
    this.settleTimer = window.setTimeout(() => {
      if (this.state.status === 'resynced') this.set('live', null);
    }, RESYNCED_MS);
  }

  private refused(message: string): void {
    if (this.socket.active) {
      this.set(this.everConnected ? 'reconnecting' : 'connecting', message);
      return;
    }
    this.set('offline', message);
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => this.socket.connect(), RETRY_REFUSED_MS);
  }

  private set(wanted: ConnectionStatus, wantedDetail: string | null): void {
    // While the browser itself is offline, retries are not news: say what is really wrong.
    const browserOffline = !navigator.onLine && wanted !== 'live' && wanted !== 'resynced';
    const status = browserOffline ? 'offline' : wanted;
    const detail = browserOffline ? 'Your browser is offline.' : wantedDetail;
    if (status === this.state.status && detail === this.state.detail) return;
    this.state = { status, detail };
    this.listeners.forEach((listener) => listener());
  }
}
