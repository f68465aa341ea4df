import type { NextFunction, Request, Response } from 'express';
import {
  createQueryStringHash,
  decodeSymmetric,
  fromMethodAndUrl,
  getAlgorithm,
  SymmetricAlgorithm,
} from 'atlassian-jwt';
import type { BearerVerdict } from './forge/oauth';
import { sendJiraError } from './jira-errors';
import { activeUser, type Actor } from './permission-model';
import type { AuthRecord } from './request-log';
import type { Installation } from './sim-records';
import type { SimState } from './sim-state';

/** The outcome of checking an app's HS256 token against one request. */
export interface AppJwtVerdict {
  /** Signature, issuer and expiry are good. */
  jwtValid: boolean;
  /** The qsh claim matches the request (judged even when the signature is bad, for the log). */
  qshValid: boolean;
  iss?: string;
  /** Why the token is refused; absent when it is accepted. */
  error?: string;
}

interface AppClaims {
  iss?: unknown;
  exp?: unknown;
  qsh?: unknown;
}

/**
 * The qsh Jira expects: method, path from the site root (the site has no context path) and the
 * sorted query without `jwt`, exactly as atlassian-jwt canonicalises it.
 */
export function requestQsh(method: string, originalUrl: string): string {
  return createQueryStringHash(fromMethodAndUrl(method, originalUrl));
}

/** Checks an app → Jira token the way Jira does: HS256 only, shared secret, iss, exp, qsh. */
export function verifyAppJwt(
  token: string,
  request: { method: string; originalUrl: string },
  installation: Installation | undefined,
  nowSec: number,
): AppJwtVerdict {
  let claims: AppClaims;
  try {
    const alg: unknown = getAlgorithm(token);
    // `none` and RS256 (key confusion) must never reach signature checking with the secret.
    if (alg !== 'HS256') {
      return { jwtValid: false, qshValid: false, error: `JWT algorithm '${String(alg)}' refused.` };
    }
    claims = decodeSymmetric(token, '', SymmetricAlgorithm.HS256, true) as AppClaims;
  } catch {
    return { jwtValid: false, qshValid: false, error: 'Malformed JWT.' };
  }
  const qshValid = claims.qsh === requestQsh(request.method, request.originalUrl);
  const iss = typeof claims.iss === 'string' ? claims.iss : undefined;
  const verdict = (jwtValid: boolean, error?: string): AppJwtVerdict => ({
    jwtValid,
    qshValid,
    ...(iss !== undefined && { iss }),
    ...(error !== undefined && { error }),
  });
  if (!installation) return verdict(false, 'No app is installed on this site.');
  try {
    decodeSymmetric(token, installation.sharedSecret, SymmetricAlgorithm.HS256);
  } catch {
    return verdict(false, 'JWT signature verification failed.');
  }
  if (iss !== installation.appKey) return verdict(false, 'JWT issuer is not the installed app.');
  if (typeof claims.exp !== 'number' || claims.exp <= nowSec) {
    return verdict(false, 'JWT has expired.');
  }
  return qshValid ? verdict(true) : verdict(true, 'JWT qsh does not match the request.');
}

/** How a request authenticated: an actor, a refusal with its reason, or nothing at all. */
export type RequestAuth = Actor | { kind: 'refused'; reason: string } | { kind: 'anonymous' };

export const USER_COOKIE = 'sim_user';

function tokenOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('JWT ')) return header.slice(4).trim();
  const fromQuery = (req.query as Record<string, unknown>).jwt;
  return typeof fromQuery === 'string' ? fromQuery : undefined;
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Checks a Forge OAuth token (`Authorization: Bearer`); see forge/oauth.ts. */
export type BearerCheck = (token: string) => BearerVerdict;

function authenticate(
  state: SimState,
  req: Request,
  nowSec: number,
  bearer: BearerCheck | undefined,
): [RequestAuth, AuthRecord] {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const verdict = bearer
      ? bearer(header.slice(7).trim())
      : { error: 'This site accepts no Bearer tokens.' };
    if ('error' in verdict) {
      const record: AuthRecord = { authKind: 'bearer', jwtValid: false, qshValid: false };
      return [{ kind: 'refused', reason: verdict.error }, record];
    }
    // The log says which kind of token and whose; never the token itself.
    const record: AuthRecord = {
      authKind: 'bearer',
      jwtValid: true,
      qshValid: false,
      tokenType: verdict.kind === 'app_user' ? 'user' : 'system',
      ...(verdict.accountId !== undefined && { accountId: verdict.accountId }),
    };
    return [verdict.actor, record];
  }
  const token = tokenOf(req);
  if (token !== undefined) {
    const verdict = verifyAppJwt(token, req, state.installation, nowSec);
    const { jwtValid, qshValid, iss } = verdict;
    const record: AuthRecord = { authKind: 'jwt', jwtValid, qshValid, ...(iss && { iss }) };
    if (verdict.error) return [{ kind: 'refused', reason: verdict.error }, record];
    return [{ kind: 'app' }, record];
  }
  const accountId = cookie(req, USER_COOKIE);
  if (accountId !== undefined) {
    const record: AuthRecord = { authKind: 'user', jwtValid: false, qshValid: false, accountId };
    if (!activeUser(state, accountId)) {
      return [{ kind: 'refused', reason: 'Unknown or closed account.' }, record];
    }
    return [{ kind: 'user', accountId }, record];
  }
  return [{ kind: 'anonymous' }, { authKind: 'none', jwtValid: false, qshValid: false }];
}

/** Works out who is calling and notes it for the request log; refusing is left for later. */
export function resolveAuth(state: SimState, now: () => number, bearer?: BearerCheck) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const [auth, record] = authenticate(state, req, Math.floor(now() / 1000), bearer);
    res.locals.auth = auth;
    res.locals.record = record;
    next();
  };
}

/** Answers 401 unless the request came with a valid Forge OAuth token (api.atlassian.com). */
export function requireBearer(req: Request, res: Response, next: NextFunction): void {
  const record = res.locals.record as AuthRecord | undefined;
  if (record?.authKind === 'bearer') return requireActor(req, res, next);
  sendJiraError(res, 401, ['You are not authenticated. Authentication required: Bearer token.']);
}

/** Answers 401 unless the request runs as the app or a signed-in person. */
export function requireActor(req: Request, res: Response, next: NextFunction): void {
  const auth = res.locals.auth as RequestAuth | undefined;
  if (auth?.kind === 'app' || auth?.kind === 'user') return next();
  const reason = auth?.kind === 'refused' ? auth.reason : 'Authentication required.';
  sendJiraError(res, 401, [`You are not authenticated. ${reason}`]);
}

/** The caller of a route behind requireActor. */
export function actorOf(res: Response): Actor {
  return res.locals.auth as Actor;
}
