import { UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';

/** Forge's OAuth tokens are JWTs, a few kilobytes at most. */
const MAX_TOKEN_LENGTH = 8192;

/**
 * The OAuth token Forge sent with the call: `x-forge-oauth-user` (act as the person) or
 * `x-forge-oauth-system` (act as the app). 401 when the endpoint needs it and it is missing.
 * The token is only ever held in memory; never log it.
 */
export function forgeToken(request: Request, kind: 'user' | 'system'): string {
  const value = request.headers[`x-forge-oauth-${kind}`];
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TOKEN_LENGTH) {
    throw new UnauthorizedException(`Missing the ${kind} token (x-forge-oauth-${kind}).`);
  }
  return value;
}
