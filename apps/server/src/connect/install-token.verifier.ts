import { Inject, Injectable } from '@nestjs/common';
import { AsymmetricAlgorithm, decodeAsymmetric, getAlgorithm, getKeyId } from 'atlassian-jwt';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { requestQsh } from '../jwt/connect-jwt';
import { JwtRejectedError } from '../jwt/jwt-rejected.error';

/** Atlassian's key IDs are opaque tokens; anything else must not reach the key server's URL. */
const KID_PATTERN = /^[A-Za-z0-9._-]{1,200}$/;
const LEEWAY_SECONDS = 60;

interface InstallClaims {
  iss?: unknown;
  aud?: unknown;
  exp?: unknown;
  nbf?: unknown;
  qsh?: unknown;
}

/**
 * Verifies the RS256 token Jira signs install and uninstall calls with ("signed install"):
 * key fetched by `kid`, audience = our base URL (so another zone's install is refused),
 * an issuer (the caller compares it with the payload's clientKey), time window, and the request's qsh.
 */
@Injectable()
export class InstallTokenVerifier {
  private readonly keys = new Map<string, Promise<string>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Verifies the token and returns its issuer (the installing site's clientKey). */
  async verify(token: string, method: string, originalUrl: string): Promise<string> {
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
    const publicKey = await this.publicKey(kid);
    let claims: InstallClaims;
    try {
      claims = decodeAsymmetric(token, publicKey, AsymmetricAlgorithm.RS256) as InstallClaims;
    } catch {
      throw new JwtRejectedError('Install JWT signature is invalid.');
    }
    this.checkClaims(claims, method, originalUrl);
    return claims.iss as string;
  }

  private checkClaims(claims: InstallClaims, method: string, url: string): void {
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
  }

  /** Public keys never change for a kid, so each is fetched once (failures are not cached). */
  private publicKey(kid: string): Promise<string> {
    let pending = this.keys.get(kid);
    if (!pending) {
      pending = this.fetchKey(kid);
      this.keys.set(kid, pending);
      pending.catch(() => this.keys.delete(kid));
    }
    return pending;
  }

  private async fetchKey(kid: string): Promise<string> {
    const url = `${this.config.connectInstallKeysUrl}/${encodeURIComponent(kid)}`;
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    } catch {
      throw new JwtRejectedError('Install key server unreachable.');
    }
    if (!response.ok) throw new JwtRejectedError(`Unknown install key (HTTP ${response.status}).`);
    const pem = await response.text();
    if (!pem.includes('BEGIN PUBLIC KEY')) throw new JwtRejectedError('Install key is not a PEM.');
    return pem;
  }
}
