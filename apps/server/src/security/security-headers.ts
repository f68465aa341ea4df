import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';

/** Where Jira Cloud sites live: the only pages allowed to frame the app by default. */
export const JIRA_FRAME_ANCESTORS = ["'self'", 'https://*.atlassian.net', 'https://*.jira.com'];

/** Atlassian's Connect JavaScript API (`all.js`), which every iframe page loads. */
export const CONNECT_SCRIPT_ORIGIN = 'https://connect-cdn.atl-paas.net';

/** The simulator and the dev host run on loopback; production never allows them. */
const LOCAL_ORIGINS = ['http://127.0.0.1:*', 'http://localhost:*'];

/** Where Jira serves avatars from (the browser shows them; they never reach our server). */
const AVATAR_ORIGINS = [
  'https://*.atlassian.net',
  'https://*.atl-paas.net',
  'https://secure.gravatar.com',
];

/** The Content-Security-Policy directives for a deployment, as helmet takes them. */
export function contentSecurityPolicy(config: AppConfig): Record<string, string[]> {
  const local = config.nodeEnv === 'production' ? [] : LOCAL_ORIGINS;
  const base = new URL(config.appBaseUrl);
  // CSP 3 lets 'self' cover same-host WebSockets, but older engines need the ws(s) origin named.
  const ownSocket = `${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}`;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", CONNECT_SCRIPT_ORIGIN, ...local],
    'script-src-attr': ["'none'"],
    // React and all.js set inline style attributes.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', ...AVATAR_ORIGINS, ...local],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ownSocket, ...local],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': [...(config.frameAncestors ?? JIRA_FRAME_ANCESTORS), ...local],
  };
  if (base.protocol === 'https:') directives['upgrade-insecure-requests'] = [];
  return directives;
}

/**
 * Security headers on every HTTP answer. The app lives in a Jira iframe, so framing is governed
 * by CSP `frame-ancestors` alone (X-Frame-Options cannot name Jira's hosts and is left off), and
 * Jira pages may load our icon (Cross-Origin-Resource-Policy: cross-origin). `Referrer-Policy:
 * no-referrer` keeps the `?jwt=` of an iframe URL out of any Referer header.
 */
export function securityHeaders(config: AppConfig): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    xFrameOptions: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
