import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { JiraCaller } from '../jira/jira-credentials';
import { extractToken } from './connect-jwt';
import { JwtRejectedError } from '../errors/jwt-rejected.error';
import { JwtPrincipal, JwtVerifierService } from './jwt-verifier.service';

/** The request after a guard accepted it. */
export type AuthenticatedRequest = Request & { principal: JwtPrincipal };

/** Whom Jira calls made for this request speak for: the person on Forge, the app on Connect. */
export function callerOf(request: AuthenticatedRequest): JiraCaller {
  const { tenant, jira } = request.principal;
  return jira ? { tenantId: tenant.id, jira } : { tenantId: tenant.id };
}

async function authenticate(
  request: Request,
  verify: (token: string) => Promise<JwtPrincipal>,
): Promise<true> {
  const token = extractToken(request.headers.authorization, request.query.jwt);
  if (!token) throw new UnauthorizedException('Missing JWT.');
  try {
    (request as AuthenticatedRequest).principal = await verify(token);
    return true;
  } catch (error) {
    if (error instanceof JwtRejectedError) throw new UnauthorizedException(error.message);
    throw error;
  }
}

/** Jira→app calls: HS256 signed with the tenant's shared secret, qsh of this request. */
@Injectable()
export class ConnectJwtGuard implements CanActivate {
  constructor(private readonly verifier: JwtVerifierService) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    return authenticate(request, (token) =>
      this.verifier.verifyRequest(token, request.method, request.originalUrl),
    );
  }
}

/**
 * Browser→app calls: the iframe's context JWT (qsh `context-qsh`, `sub` = account ID) or, on
 * Forge, our session token as `Authorization: Bearer`.
 */
@Injectable()
export class ContextJwtGuard implements CanActivate {
  constructor(private readonly verifier: JwtVerifierService) {}

  canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    return authenticate(request, (token) => this.verifier.verifyContext(token));
  }
}
