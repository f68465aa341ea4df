import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { formatZodError } from '@poker/shared';
import { JwtRejectedError } from '../errors/jwt-rejected.error';
import { fitClaimsSchema, type FitClaims } from './fit-claims';

export const FIT_ISSUER = 'forge/invocation-token';

/** An unknown `kid` (Atlassian rotated its key) refetches the JWKS at most this often. */
export const JWKS_REFETCH_MS = 60_000;

/** Keys are reused this long before a routine refetch, even when every `kid` is known. */
const JWKS_MAX_AGE_MS = 60 * 60_000;

/** Forge's hosts and ours may disagree on the time by a little. */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Verifies Forge Invocation Tokens: RS256 only, signed by a key of Forge's JWKS (cached by
 * jose's remote key set), `iss` = forge/invocation-token, `aud` = our app ID, `exp` required
 * and `nbf` honoured. Refusals say why in a few words and never echo the token.
 */
export class FitVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly appId: string,
    jwksUrl: string,
  ) {
    this.keys = createRemoteJWKSet(new URL(jwksUrl), {
      cooldownDuration: JWKS_REFETCH_MS,
      cacheMaxAge: JWKS_MAX_AGE_MS,
      timeoutDuration: 5000,
    });
  }

  async verify(token: string): Promise<FitClaims> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        issuer: FIT_ISSUER,
        audience: this.appId,
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      throw new JwtRejectedError(reason(error));
    }
    const parsed = fitClaimsSchema.safeParse(payload);
    if (!parsed.success) {
      throw new JwtRejectedError(
        `Invalid invocation token claims: ${formatZodError(parsed.error)}`,
      );
    }
    return parsed.data;
  }
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'Invocation token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'Invocation token is not valid yet.';
    if (error.claim === 'aud') return 'Invocation token is for another app.';
    if (error.claim === 'iss') return 'Invocation token has the wrong issuer.';
    return `Invocation token claim ${error.claim} is not valid.`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'Invocation token algorithm refused.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'Invocation token key is unknown.';
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return 'Invocation token signature is not valid.';
  }
  // The JWKS could not be fetched (timeout, network): fail closed, the caller retries.
  if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
    return 'Could not verify the invocation token.';
  }
  return 'Invalid invocation token.';
}
