import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import { JwtRejectedError } from '../errors/jwt-rejected.error';

/** The `iss` of our own session tokens; tells them apart from Connect context JWTs. */
export const SESSION_ISSUER = 'poker-forge-session';

/** A session never outlives this, whatever the person's Jira token allows (issue 13). */
export const SESSION_MAX_SECONDS = 15 * 60;

/** Who a session speaks for, and the Jira access it carries. */
export interface Session {
  tenantId: string;
  cloudId: string;
  accountId: string;
  /** The FIT's `app.apiBaseUrl`: where Jira answers for this site. */
  apiBaseUrl: string;
  /** The person's `x-forge-oauth-user` token (plain only in memory, after decryption). */
  userToken: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

interface SessionClaims {
  tid?: unknown;
  cid?: unknown;
  api?: unknown;
  utk?: unknown;
}

/**
 * Short-lived session tokens the server issues after verifying a FIT (`POST /forge/session`).
 * HS256 with a key derived from SECRETS_KEY, so every node verifies them without a shared
 * store. The person's Jira token rides inside, AES-256-GCM encrypted with a second derived key:
 * it lives only in the browser's memory (opaque) and in the memory of the node serving the
 * socket, never in Postgres, Redis, logs or Sentry.
 */
export class SessionTokens {
  private readonly signingKey: Uint8Array;
  private readonly sealingKey: Buffer;

  constructor(secretsKeyHex: string) {
    const root = Buffer.from(secretsKeyHex, 'hex');
    this.signingKey = derive(root, 'poker forge session signing');
    this.sealingKey = Buffer.from(derive(root, 'poker forge session user token'));
  }

  /** Signs a session; it expires at the earlier of 15 minutes and the user token's own `exp`. */
  async issue(
    session: Omit<Session, 'expiresAt'>,
    nowMs = Date.now(),
  ): Promise<Session & { token: string }> {
    const nowSec = Math.floor(nowMs / 1000);
    const userExp = tokenExpiry(session.userToken);
    const exp = Math.min(nowSec + SESSION_MAX_SECONDS, userExp ?? Infinity);
    if (exp <= nowSec) throw new JwtRejectedError('The Jira user token has expired.');
    const token = await new SignJWT({
      tid: session.tenantId,
      cid: session.cloudId,
      api: session.apiBaseUrl,
      utk: this.seal(session.userToken),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(SESSION_ISSUER)
      .setSubject(session.accountId)
      .setIssuedAt(nowSec)
      .setExpirationTime(exp)
      .sign(this.signingKey);
    return { ...session, expiresAt: exp * 1000, token };
  }

  /** Verifies signature, issuer and expiry; refusals say why, never echo the token. */
  async verify(token: string, nowMs = Date.now()): Promise<Session> {
    let payload: SessionClaims & { sub?: string; exp?: number };
    try {
      ({ payload } = await jwtVerify(token, this.signingKey, {
        issuer: SESSION_ISSUER,
        algorithms: ['HS256'],
        currentDate: new Date(nowMs),
        clockTolerance: 0,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      throw new JwtRejectedError(expired ? 'Session token has expired.' : 'Invalid session token.');
    }
    const { tid, cid, api, utk, sub, exp } = payload;
    if (
      typeof tid !== 'string' ||
      typeof cid !== 'string' ||
      typeof api !== 'string' ||
      typeof utk !== 'string' ||
      typeof sub !== 'string' ||
      typeof exp !== 'number'
    ) {
      throw new JwtRejectedError('Invalid session token.');
    }
    return {
      tenantId: tid,
      cloudId: cid,
      accountId: sub,
      apiBaseUrl: api,
      userToken: this.unseal(utk),
      expiresAt: exp * 1000,
    };
  }

  private seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealingKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
  }

  private unseal(sealed: string): string {
    const [iv, tag, body] = sealed.split('.');
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        this.sealingKey,
        Buffer.from(iv ?? '', 'base64url'),
      );
      decipher.setAuthTag(Buffer.from(tag ?? '', 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(body ?? '', 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new JwtRejectedError('Invalid session token.');
    }
  }
}

/** Whether a token claims to be one of our session tokens (unverified; routing only). */
export function isSessionToken(token: string): boolean {
  try {
    return decodeJwt(token).iss === SESSION_ISSUER;
  } catch {
    return false;
  }
}

/** A JWT's `exp` in seconds, read without verifying (Forge's tokens are JWTs; ours to honour). */
function tokenExpiry(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

function derive(root: Buffer, info: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', root, Buffer.alloc(0), info, 32));
}
