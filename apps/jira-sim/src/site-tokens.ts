import { encodeSymmetric } from 'atlassian-jwt';
import { requestQsh } from './jwt-auth';
import type { SimState } from './sim-state';

function installationOf(state: SimState) {
  if (!state.installation) throw new Error('No app is installed on this simulated site.');
  return state.installation;
}

/**
 * The token `AP.context.getToken()` hands the iframe: HS256 with the shared secret, the site as
 * issuer and the person as subject, and the fixed qsh `context-qsh`.
 */
export function contextToken(
  state: SimState,
  accountId: string,
  nowSec: number,
  expiresInSec = 15 * 60,
): string {
  const { sharedSecret } = installationOf(state);
  const claims = {
    iss: state.clientKey,
    sub: accountId,
    qsh: 'context-qsh',
    aud: [state.clientKey],
    iat: nowSec,
    exp: nowSec + expiresInSec,
    context: {},
  };
  return encodeSymmetric(claims, sharedSecret);
}

/** A token as the installed app would sign it for `method pathWithQuery` on this site. */
export function appToken(
  state: SimState,
  method: string,
  pathWithQuery: string,
  nowSec: number,
): string {
  const { appKey, sharedSecret } = installationOf(state);
  const claims = {
    iss: appKey,
    iat: nowSec,
    exp: nowSec + 180,
    qsh: requestQsh(method, pathWithQuery),
  };
  return encodeSymmetric(claims, sharedSecret);
}
