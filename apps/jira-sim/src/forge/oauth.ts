import { randomUUID } from 'node:crypto';
import type { Actor } from '../permission-model';
import { activeUser } from '../permission-model';
import type { SimState } from '../sim-state';
import { signJwt, verifyRs256, type SigningKey } from './jwt';

/**
 * Simulated Forge OAuth tokens (what `x-forge-oauth-user` / `x-forge-oauth-system` carry). Real
 * ones are opaque to the app; ours are JWTs the site signs with a key of its own (not the FIT
 * key, and not in the JWKS), so only the site can check them, as only Atlassian can.
 */
export const OAUTH_TOKEN_LIFETIME_SEC = 60 * 60;

/** Marks what a token is for; `app_user` carries `sub`, `app_system` none. */
export type OAuthTokenKind = 'app_user' | 'app_system';

export interface OAuthSite {
  state: SimState;
  key: SigningKey;
  appId: string;
  installationId: string;
  nowSec: () => number;
}

const issuerOf = (state: SimState) => `${state.url}/oauth`;

export function mintOAuthToken(
  site: OAuthSite,
  kind: OAuthTokenKind,
  options: { accountId?: string; expiresInSec?: number; claims?: Record<string, unknown> } = {},
): string {
  const iat = site.nowSec();
  const claims = {
    iss: issuerOf(site.state),
    aud: 'api.atlassian.com',
    ...(kind === 'app_user' && { sub: options.accountId }),
    token_type: kind,
    client_id: site.appId,
    installationId: site.installationId,
    // Bound to one site: the token is refused on another cloudId's /ex/jira path.
    cloudId: site.state.cloudId,
    iat,
    exp: iat + (options.expiresInSec ?? OAUTH_TOKEN_LIFETIME_SEC),
    jti: randomUUID(),
    ...options.claims,
  };
  return signJwt(claims, { kid: site.key.kid, privateKey: site.key.privateKey });
}

export type BearerVerdict =
  { actor: Actor; kind: OAuthTokenKind; accountId?: string } | { error: string };

/** Checks a Bearer token as the API gateway would: signature, issuer, expiry, site, person. */
export function verifyOAuthToken(site: OAuthSite, token: string): BearerVerdict {
  const checked = verifyRs256(token, site.key.publicKey);
  if ('error' in checked) return checked;
  const { claims } = checked;
  if (claims.iss !== issuerOf(site.state)) return { error: 'Token issuer is not this site.' };
  if (typeof claims.exp !== 'number' || claims.exp <= site.nowSec()) {
    return { error: 'Token has expired.' };
  }
  if (claims.cloudId !== site.state.cloudId) return { error: 'Token is for another site.' };
  if (claims.token_type === 'app_system') return { actor: { kind: 'app' }, kind: 'app_system' };
  if (claims.token_type === 'app_user' && typeof claims.sub === 'string') {
    if (!activeUser(site.state, claims.sub)) {
      return { error: 'Unknown or closed account.' };
    }
    return {
      actor: { kind: 'user', accountId: claims.sub },
      kind: 'app_user',
      accountId: claims.sub,
    };
  }
  return { error: 'Token is neither a user nor a system token.' };
}
