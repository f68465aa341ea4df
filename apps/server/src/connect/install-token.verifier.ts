import { Inject, Injectable } from '@nestjs/common';
import { AsymmetricAlgorithm, decodeAsymmetric, getAlgorithm, getKeyId } from 'atlassian-jwt';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { requestQsh } from '../jwt/connect-jwt';
import { JwtRejectedError } from '../errors/jwt-rejected.error';
import { InstallReplayCache } from './install-replay.cache';

/** Atlassian's key IDs are opaque tokens; anything else must not reach the key server's URL. */
const KID_PATTERN = /^[A-Za-z0-9._-]{1,200}$/;
const LEEWAY_SECONDS = 60;
/** A kid the key server does not know is not asked for again for this long. */
const UNKNOWN_KID_MS = 10 * 60_000;
/** Bounds the memory random kids can take; the oldest refusal is forgotten first. */
const UNKNOWN_KID_LIMIT = 1000;

interface InstallClaims {
  iss?: unknown;
  aud?: unknown;
  exp?: unknown;
  nbf?: unknown;
  qsh?: unknown;
  jti?: unknown;
}

/** What a verified install token proves. */
export interface VerifiedInstallToken {
  /** The installing site's clientKey; the caller compares it with the payload's. */
  issuer: string;
  /** Identifies this token for the replay check (its jti, else its hash). */
  replayKey: string;
  /** Until when the token would be accepted (ms), so until when a replay must be refused. */
  validUntil: number;
}

/** The key server does not know this kid: worth remembering, unlike an outage. */
class UnknownKeyError extends JwtRejectedError {}

/**
 * Verifies the RS256 token Jira signs install and uninstall calls with ("signed install"):
 * key fetched by `kid`, audience = our base URL (so another zone's install is refused),
 * an issuer (the caller compares it with the payload's clientKey), time window, and the request's qsh.
 * The claims are checked before any key is fetched, and a kid the key server does not know is
 * remembered, so a caller cannot make us call the key server at will.
 */
@Injectable()
export class InstallTokenVerifier {
  private readonly keys = new Map<string, Promise<string>>();
  private readonly unknownKids = new Map<string, number>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async verify(token: string, method: string, originalUrl: string): Promise<VerifiedInstallToken> {
    let alg: unknown;
    let kid: unknown;
    try {
      alg = getAlgorithm(token);
      kid = getKeyId(token);
    } catch {
      throw new JwtRejectedError('Malformed install JWT.');
    }
    if (alg !== 'RS256') throw new JwtRejectedError('Install JWT must be signed with RS256.');
    if (typeof kid !== 'string' || !KID_PATTERN.test(kid)) {
      throw new JwtRejectedError('Install JWT has no usable kid.');
    }
    // Unverified yet, but a token that would fail anyway costs no call to the key server.
    this.checkClaims(unverifiedClaims(token), method, originalUrl);
    const publicKey = await this.publicKey(kid);
    let claims: InstallClaims;
    try {
      claims = decodeAsymmetric(token, publicKey, AsymmetricAlgorithm.RS256) as InstallClaims;
    } catch {
      throw new JwtRejectedError('Install JWT signature is invalid.');
    }
    const { issuer, exp } = this.checkClaims(claims, method, originalUrl);
    return {
      issuer,
      replayKey: InstallReplayCache.keyOf(token, issuer, claims.jti),
      validUntil: (exp + LEEWAY_SECONDS) * 1000,
    };
  }

  private checkClaims(
    claims: InstallClaims,
    method: string,
    url: string,
  ): { issuer: string; exp: number } {
    const now = Math.floor(Date.now() / 1000);
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    const ownBase = this.config.appBaseUrl;
    if (!audiences.some((aud) => typeof aud === 'string' && aud.replace(/\/+$/, '') === ownBase)) {
      throw new JwtRejectedError('Install JWT audience is not this deployment.');
    }
    if (typeof claims.iss !== 'string' || claims.iss.length === 0) {
      throw new JwtRejectedError('Install JWT has no issuer.');
    }
    if (typeof claims.exp !== 'number' || claims.exp + LEEWAY_SECONDS < now) {
      throw new JwtRejectedError('Install JWT has expired.');
    }
    if (typeof claims.nbf === 'number' && claims.nbf - LEEWAY_SECONDS > now) {
      throw new JwtRejectedError('Install JWT is not valid yet.');
    }
    if (claims.qsh !== requestQsh(method, url, ownBase)) {
      throw new JwtRejectedError('Install JWT qsh does not match this request.');
    }
    return { issuer: claims.iss, exp: claims.exp };
  }

  /**
   * Public keys never change for a kid, so each is fetched once. A kid the key server refused
   * (4xx, or no PEM) is refused here for a while; unreachable or 5xx is not remembered.
   */
  private publicKey(kid: string): Promise<string> {
    const refusedUntil = this.unknownKids.get(kid);
    if (refusedUntil !== undefined && refusedUntil > Date.now()) {
      return Promise.reject(new JwtRejectedError('Unknown install key.'));
    }
    this.unknownKids.delete(kid);
    let pending = this.keys.get(kid);
    if (!pending) {
      pending = this.fetchKey(kid);
      this.keys.set(kid, pending);
      pending.catch((error: unknown) => {
        this.keys.delete(kid);
        if (error instanceof UnknownKeyError) this.rememberUnknown(kid);
      });
    }
    return pending;
  }

  private rememberUnknown(kid: string): void {
    if (this.unknownKids.size >= UNKNOWN_KID_LIMIT) {
      const oldest = this.unknownKids.keys().next().value;
      if (oldest !== undefined) this.unknownKids.delete(oldest);
    }
    this.unknownKids.set(kid, Date.now() + UNKNOWN_KID_MS);
  }

  private async fetchKey(kid: string): Promise<string> {
    const url = `${this.config.connectInstallKeysUrl}/${encodeURIComponent(kid)}`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    } catch {
      throw new JwtRejectedError('Install key server unreachable.');
    }
    if (response.status >= 400 && response.status < 500) {
      await response.body?.cancel();
      throw new UnknownKeyError(`Unknown install key (HTTP ${response.status}).`);
    }
    if (!response.ok)
      throw new JwtRejectedError(`Install key server answered HTTP ${response.status}.`);
    const pem = await response.text();
    if (!pem.includes('BEGIN PUBLIC KEY')) throw new UnknownKeyError('Install key is not a PEM.');
    return pem;
  }
}

/** The claims as the token states them, before its signature is checked; {} if unreadable. */
function unverifiedClaims(token: string): InstallClaims {
  try {
    const payload = JSON.parse(
      Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as unknown;
    return typeof payload === 'object' && payload !== null ? payload : {};
  } catch {
    return {};
  }
}
