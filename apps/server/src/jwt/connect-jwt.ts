import {
  createQueryStringHash,
  decodeSymmetric,
  fromMethodAndUrl,
  getAlgorithm,
  SymmetricAlgorithm,
} from 'atlassian-jwt';
import { JwtRejectedError } from '../errors/jwt-rejected.error';

/** The qsh the iframe's context tokens carry instead of a request hash. */
export const CONTEXT_QSH = 'context-qsh';

/** Jira's own tolerance for clock skew between hosts. */
export const LEEWAY_SECONDS = 60;

export interface ConnectClaims {
  iss: string;
  sub?: string;
  qsh?: string;
  iat?: number;
  exp?: number;
  nbf?: number;
  aud?: string | string[];
  context?: unknown;
}

/** Pulls the token from `Authorization: JWT <token>` (or Bearer), else from `?jwt=`. */
export function extractToken(authorization: string | undefined, queryJwt: unknown): string | null {
  const match = /^(?:JWT|Bearer)\s+(\S+)$/i.exec(authorization ?? '');
  if (match) return match[1];
  return typeof queryJwt === 'string' && queryJwt.length > 0 ? queryJwt : null;
}

/** Reads the issuer without trusting anything else; the signature is checked afterwards. */
export function unverifiedIssuer(token: string): string {
  const parts = token.split('.');
  if (parts.length !== 3) throw new JwtRejectedError('Malformed JWT.');
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    const iss = (payload as { iss?: unknown } | null)?.iss;
    if (typeof iss === 'string' && iss.length > 0) return iss;
  } catch {
    // fall through: an unreadable payload is as bad as a missing issuer
  }
  throw new JwtRejectedError('JWT has no issuer.');
}

/** The qsh of a request as Jira computes it (path relative to the app's base URL path). */
export function requestQsh(method: string, originalUrl: string, appBaseUrl: string): string {
  const basePath = new URL(appBaseUrl).pathname.replace(/\/+$/, '');
  const url =
    basePath && originalUrl.startsWith(basePath) ? originalUrl.slice(basePath.length) : originalUrl;
  return createQueryStringHash(fromMethodAndUrl(method, url || '/'));
}

/**
 * Verifies an HS256 Connect JWT: algorithm, signature, time window and qsh. `expectedQsh` is the
 * request's hash for Jira→app calls, or CONTEXT_QSH for the browser's context tokens.
 */
export function verifySymmetricJwt(
  token: string,
  secret: string,
  expectedQsh: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): ConnectClaims {
  let alg: unknown;
  try {
    alg = getAlgorithm(token);
  } catch {
    throw new JwtRejectedError('Malformed JWT.');
  }
  if (alg !== 'HS256')
    throw new JwtRejectedError(`JWT algorithm must be HS256, got ${String(alg)}.`);
  let claims: ConnectClaims;
  try {
    claims = decodeSymmetric(token, secret, SymmetricAlgorithm.HS256) as ConnectClaims;
  } catch {
    throw new JwtRejectedError('JWT signature is invalid.');
  }
  if (typeof claims.exp !== 'number') throw new JwtRejectedError('JWT has no expiry.');
  if (claims.exp + LEEWAY_SECONDS < nowSeconds) throw new JwtRejectedError('JWT has expired.');
  if (typeof claims.nbf === 'number' && claims.nbf - LEEWAY_SECONDS > nowSeconds) {
    throw new JwtRejectedError('JWT is not valid yet.');
  }
  if (typeof claims.iat === 'number' && claims.iat - LEEWAY_SECONDS > nowSeconds) {
    throw new JwtRejectedError('JWT was issued in the future.');
  }
  if (claims.qsh !== expectedQsh) {
    throw new JwtRejectedError(
      expectedQsh === CONTEXT_QSH
        ? 'A context JWT (qsh "context-qsh") is required here.'
        : 'JWT qsh does not match this request.',
    );
  }
  return claims;
}
