import { SESSION_RENEW, type Ack, type SessionRenewAckData } from '@poker/shared';
import type { HostBridge } from '../host/host-bridge';
import { tokenExpiresAt } from '../session/token-expiry';
import type { PokerSocket } from './poker-socket';

/** Renew this long before the socket's token expires. */
const RENEW_BEFORE_MS = 60_000;
/** Never sooner than this after scheduling (a token that is nearly spent renews at once). */
const MIN_DELAY_MS = 1_000;
const ACK_TIMEOUT_MS = 15_000;

/**
 * Keeps an open socket's token fresh. The server checks the token's expiry on every event
 * (UNAUTHENTICATED once it passed), so about a minute before `exp` this asks the bridge for a
 * fresh token and hands it over with `session:renew { token }`. Reconnects need nothing from
 * here: the handshake's `auth` asks the bridge itself, so it always carries the freshest token.
 * If the server will not renew (an older server, another person), the socket reconnects and the
 * handshake signs in afresh.
 */
export class SessionRenewal {
  /** The token the server holds for this socket (the handshake's, then each renewed one). */
  private token: string | null = null;
  private timer: number | undefined;
  private running: Promise<boolean> | null = null;

  constructor(
    private readonly socket: PokerSocket,
    private readonly bridge: HostBridge,
  ) {
    socket.on('connect', () => this.schedule());
    socket.on('disconnect', () => window.clearTimeout(this.timer));
  }

  /** The handshake calls this with the token it sends. */
  readonly handshakeToken = (token: string): void => {
    this.token = token;
  };

  /** Renews now (also after an UNAUTHENTICATED answer); resolves whether the server took it. */
  renewNow(): Promise<boolean> {
    this.running ??= this.renew().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    const expiresAt = this.token === null ? null : tokenExpiresAt(this.token);
    if (expiresAt === null) return;
    const delay = Math.max(expiresAt - RENEW_BEFORE_MS - Date.now(), MIN_DELAY_MS);
    this.timer = window.setTimeout(() => void this.renewNow(), delay);
  }

  private async renew(): Promise<boolean> {
    if (!this.socket.connected) return false;
    let ack: Ack<SessionRenewAckData>;
    let token: string;
    try {
      token = await this.bridge.getToken();
      // socket.io's timeout() types lose the ack's type; the contract above holds.
      ack = (await this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck(SESSION_RENEW, { token })) as Ack<SessionRenewAckData>;
    } catch {
      ack = { ok: false, error: { code: 'INTERNAL', message: 'No answer to session:renew.' } };
      token = '';
    }
    if (ack.ok) {
      this.token = token;
      this.schedule();
      return true;
    }
    // The server did not take it: sign in afresh (the handshake fetches a new token; the
    // connection tracker re-joins the open room and reports "Resynced").
    if (this.socket.connected) {
      this.socket.disconnect();
      this.socket.connect();
    }
    return false;
  }
}
