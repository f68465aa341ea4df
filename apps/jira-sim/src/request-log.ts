import type { NextFunction, Request, Response } from 'express';

/** One call the site received, as tests inspect it. The token itself is never kept. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  /** `bearer`: a Forge OAuth token (see tokenType); `user`: the demo's sim_user cookie. */
  authKind: 'jwt' | 'user' | 'bearer' | 'none';
  /** For Bearer calls: the person's token (`user`) or the app's (`system`). */
  tokenType?: 'user' | 'system';
  /** Signature, issuer and expiry were good (false when there was no JWT or Bearer token). */
  jwtValid: boolean;
  /** The qsh claim matched this exact request (false when there was no JWT). */
  qshValid: boolean;
  iss?: string;
  /** The signed-in person, for user sessions and Bearer user tokens. */
  accountId?: string;
  body?: unknown;
  status: number;
  at: number;
}

/** What the authentication middleware learned, for the log (set on res.locals.record). */
export type AuthRecord = Pick<
  RecordedRequest,
  'authKind' | 'jwtValid' | 'qshValid' | 'iss' | 'accountId' | 'tokenType'
>;

const NO_AUTH: AuthRecord = { authKind: 'none', jwtValid: false, qshValid: false };

/** Appends every request to `log` once its response is finished, so the status is known. */
export function recordRequests(log: RecordedRequest[], now: () => number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    // Captured now: routers rewrite req.url while they run.
    const at = now();
    const path = req.path;
    const query = { ...(req.query as Record<string, unknown>) };
    // A token sent as ?jwt= is a credential: keep it out of the log.
    if ('jwt' in query) query.jwt = '[redacted]';
    res.on('finish', () => {
      const auth = (res.locals.record as AuthRecord | undefined) ?? NO_AUTH;
      log.push({
        method: req.method,
        path,
        query,
        ...auth,
        ...(req.body !== undefined && { body: req.body as unknown }),
        status: res.statusCode,
        at,
      });
    });
    next();
  };
}
