import type { IncomingMessage } from 'node:http';

/**
 * Who may reach Socket.IO from another origin. WebSocket needs no CORS, but the long-polling
 * fallback does: Forge's Custom UI runs on Atlassian's CDN origin, not ours. Only those origins
 * (FORGE_CUSTOM_UI_ORIGINS, `https://*.cdn.…` wildcards allowed) and our own pages may poll; the
 * Connect iframe is served by us, so it is same-origin.
 */
export class CrossOriginPolicy {
  private readonly patterns: RegExp[];

  constructor(ownBaseUrl: string, allowed: string[]) {
    const own = new URL(ownBaseUrl).origin;
    this.patterns = [own, ...allowed].map(originPattern);
  }

  /** Whether a browser on `origin` may call us (a request without Origin is not a browser's). */
  allows(origin: string | undefined): boolean {
    if (origin === undefined) return true;
    return this.patterns.some((pattern) => pattern.test(origin));
  }

  /** socket.io's `cors.origin`: echo an allowed origin, send no CORS headers for any other. */
  readonly corsOrigin = (
    origin: string | undefined,
    callback: (error: Error | null, allow?: boolean) => void,
  ): void => {
    callback(null, this.allows(origin));
  };

  /** Refuses the handshake itself, so a disallowed page cannot poll even without reading. */
  allowsRequest(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    return this.allows(typeof origin === 'string' ? origin : undefined);
  }
}

/** `https://*.example.net` → any single-or-deeper subdomain of example.net over https. */
function originPattern(origin: string): RegExp {
  const wildcard = /^(https?:\/\/)\*\.(.+)$/.exec(origin);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!wildcard) return new RegExp(`^${escape(origin)}$`);
  return new RegExp(`^${escape(wildcard[1])}(?:[A-Za-z0-9-]+\\.)+${escape(wildcard[2])}$`);
}
