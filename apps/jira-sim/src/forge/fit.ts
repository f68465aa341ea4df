import { randomUUID, type KeyObject } from 'node:crypto';
import type { ForgeIdentity } from './forge-app';
import { signJwt, type SigningKey } from './jwt';

/** The FIT's fixed issuer, per the Forge Remote invocation contract. */
export const FIT_ISSUER = 'forge/invocation-token';

/** How long a FIT lives; Forge mints one per invocation, so it only has to outlive the call. */
const FIT_LIFETIME_SEC = 5 * 60;

/**
 * Knobs for one FIT. The defaults make the correct token for the call; attack tests override
 * any claim, the algorithm, the kid or the key.
 */
export interface FitOptions {
  /** The acting person's accountId: UI invocations only, never triggers. */
  principal?: string;
  /** `app.module`: the module the invocation comes from. */
  module?: { key: string; type: string };
  /** The `context` claim; null leaves it out. */
  context?: Record<string, unknown> | null;
  aud?: string;
  iss?: string;
  /** Absolute times in seconds; `exp` defaults to iat + 5 min. */
  iat?: number;
  nbf?: number;
  exp?: number;
  jti?: string;
  alg?: 'RS256' | 'HS256' | 'none';
  /** The header's kid; null leaves it out. Defaults to the JWKS key's. */
  kid?: string | null;
  /** Sign with another RSA key (one the JWKS does not list). */
  privateKey?: KeyObject | string;
  /** The HMAC secret when alg is HS256. */
  secret?: string;
  /** Merged last over the claims; an `undefined` value removes that claim. */
  claims?: Record<string, unknown>;
}

export interface FitSite {
  identity: ForgeIdentity;
  cloudId: string;
  apiBaseUrl: string;
  key: SigningKey;
  nowSec: () => number;
}

/** The FIT claims: `app` always; `context` and `principal` as the invocation has them. */
export function fitClaims(site: FitSite, options: FitOptions = {}): Record<string, unknown> {
  const { identity } = site;
  const iat = options.iat ?? site.nowSec();
  const claims: Record<string, unknown> = {
    iss: options.iss ?? FIT_ISSUER,
    aud: options.aud ?? identity.appId,
    iat,
    nbf: options.nbf ?? iat,
    exp: options.exp ?? iat + FIT_LIFETIME_SEC,
    jti: options.jti ?? randomUUID(),
    app: {
      id: identity.appId,
      installationId: identity.installationId,
      apiBaseUrl: site.apiBaseUrl,
      environment: { type: identity.environmentType, id: identity.environmentId },
      appVersion: identity.appVersion,
      ...(options.module && { module: options.module }),
      license: { isActive: true },
    },
    ...(options.context !== null && { context: options.context ?? { cloudId: site.cloudId } }),
    ...(options.principal !== undefined && { principal: options.principal }),
  };
  for (const [name, value] of Object.entries(options.claims ?? {})) {
    if (value === undefined) delete claims[name];
    else claims[name] = value;
  }
  return claims;
}

/** A signed FIT (RS256 with the key the JWKS serves, unless the options say otherwise). */
export function mintFit(site: FitSite, options: FitOptions = {}): string {
  return signJwt(fitClaims(site, options), {
    alg: options.alg ?? 'RS256',
    kid: options.kid === undefined ? site.key.kid : options.kid,
    privateKey: options.privateKey ?? site.key.privateKey,
    secret: options.secret,
  });
}
