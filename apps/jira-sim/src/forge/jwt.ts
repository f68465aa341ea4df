import { createHmac, generateKeyPair, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * RS256 JWTs with node:crypto. Why not jose: jose 6 is ESM only, and the jest setup (swc to
 * CommonJS, node 20) cannot require it, so a simulator that imported it could not be started
 * from any spec. The specs check our tokens with jose in a child process instead
 * (forge/jose-check.ts), so the format is proven against the library the server uses.
 */
export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
  });
  return { kid: randomUUID(), privateKey, publicKey };
}

/** The public half as a JWK Set entry, the way Atlassian's JWKS lists its keys. */
export function publicJwk(key: SigningKey): Record<string, unknown> {
  return { ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, alg: 'RS256', use: 'sig' };
}

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

export interface SignOptions {
  /** RS256 (the real one); `none` and HS256 exist for attack tests only. */
  alg?: 'RS256' | 'HS256' | 'none';
  /** Absent from the header when null. */
  kid?: string | null;
  /** RS256: the private key (KeyObject or PKCS#8 PEM). */
  privateKey?: KeyObject | string;
  /** HS256: the secret (e.g. the public key PEM, for a key-confusion attack). */
  secret?: string;
}

export function signJwt(claims: object, options: SignOptions): string {
  const alg = options.alg ?? 'RS256';
  const header: Record<string, unknown> = { alg, typ: 'JWT' };
  if (options.kid) header.kid = options.kid;
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  if (alg === 'none') return `${input}.`;
  if (alg === 'HS256') {
    return `${input}.${createHmac('sha256', options.secret ?? '')
      .update(input)
      .digest('base64url')}`;
  }
  if (!options.privateKey) throw new Error('RS256 needs a private key.');
  return `${input}.${sign('sha256', Buffer.from(input), options.privateKey).toString('base64url')}`;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString()) as unknown;
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString()) as unknown;
    if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object') {
      return undefined;
    }
    return {
      header: header as Record<string, unknown>,
      claims: claims as Record<string, unknown>,
    };
  } catch {
    return undefined;
  }
}

/** RS256 only (no `none`, no HMAC with a public key); returns the claims or why not. */
export function verifyRs256(
  token: string,
  publicKey: KeyObject,
): { claims: Record<string, unknown> } | { error: string } {
  const decoded = decodeJwt(token);
  if (!decoded) return { error: 'Malformed token.' };
  if (decoded.header.alg !== 'RS256') {
    return { error: `Token algorithm '${String(decoded.header.alg)}' refused.` };
  }
  const [header, payload, signature] = token.split('.');
  const ok = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    publicKey,
    Buffer.from(signature, 'base64url'),
  );
  return ok ? { claims: decoded.claims } : { error: 'Token signature verification failed.' };
}

/** The PEM of a public key (what a key-confusion attack would use as the HMAC secret). */
export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}
