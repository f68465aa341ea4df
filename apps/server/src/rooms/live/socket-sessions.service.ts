import { Injectable } from '@nestjs/common';
import { DomainError } from '../../errors/domain.error';
import { JwtRejectedError } from '../../errors/jwt-rejected.error';
import { JwtVerifierService } from '../../jwt/jwt-verifier.service';
import type { SocketIdentity } from './room-channel';

/** A socket's session, renewed with a fresh token before it expires (`session:renew`). */
@Injectable()
export class SocketSessions {
  constructor(private readonly verifier: JwtVerifierService) {}

  /**
   * The fresh token must speak for the same person on the same site; the socket then acts
   * until the new expiry (ms), with the person's new Jira access if it carries one.
   */
  async renew(identity: SocketIdentity, token: string): Promise<number> {
    let principal;
    try {
      principal = await this.verifier.verifyContext(token);
    } catch (error) {
      if (!(error instanceof JwtRejectedError)) throw error;
      throw new DomainError('UNAUTHENTICATED', error.message);
    }
    if (principal.tenant.id !== identity.tenantId || principal.accountId !== identity.accountId) {
      throw new DomainError('UNAUTHENTICATED', 'The token is for another person or site.');
    }
    identity.expiresAt = principal.expiresAt;
    if (principal.jira) identity.jira = principal.jira;
    else delete identity.jira;
    return principal.expiresAt;
  }
}
