import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import type { Tenant } from '../tenants/tenant.entity';
import { TenantsService } from '../tenants/tenants.service';
import { JwtRejectedError } from '../errors/jwt-rejected.error';
import type { JiraCredentials } from '../jira/jira-credentials';
import { isSessionToken, SessionTokens } from '../session/session-tokens';
import {
  CONTEXT_QSH,
  ConnectClaims,
  LEEWAY_SECONDS,
  requestQsh,
  unverifiedIssuer,
  verifySymmetricJwt,
} from './connect-jwt';

/** Who a verified JWT speaks for. */
export interface JwtPrincipal {
  tenant: Tenant;
  /** The acting user's Atlassian account ID (`sub`), when the token names one. */
  accountId: string | null;
  /** When the token stops being good (ms since the epoch); sockets check it on every event. */
  expiresAt: number;
  /** A Forge session's Jira access as the person; absent for Connect (the app signs). */
  jira?: JiraCredentials;
}

/**
 * Verifies the tokens browsers and Jira present: Connect HS256 tokens against the issuing
 * tenant's shared secret, and our own Forge session tokens (SessionTokens).
 */
@Injectable()
export class JwtVerifierService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly sessions: SessionTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A Jira→app call: qsh must match this exact request. */
  verifyRequest(token: string, method: string, originalUrl: string): Promise<JwtPrincipal> {
    return this.verify(token, requestQsh(method, originalUrl, this.config.appBaseUrl));
  }

  /**
   * A browser call or socket handshake: a Connect context token, or a Forge session token,
   * naming the acting user. A session of a site that has since uninstalled is refused.
   */
  async verifyContext(token: string): Promise<JwtPrincipal & { accountId: string }> {
    if (isSessionToken(token)) return this.verifySession(token);
    const principal = await this.verify(token, CONTEXT_QSH);
    if (!principal.accountId) throw new JwtRejectedError('Context JWT has no sub (account ID).');
    return { ...principal, accountId: principal.accountId };
  }

  private async verify(token: string, expectedQsh: string): Promise<JwtPrincipal> {
    const clientKey = unverifiedIssuer(token);
    let found = await this.tenants.findWithSecret(clientKey);
    if (!found) throw new JwtRejectedError('Unknown installation (iss).');
    let claims: ConnectClaims;
    try {
      claims = verifySymmetricJwt(token, found.sharedSecret, expectedQsh);
    } catch (error) {
      // A re-install on another node rotates the secret: retry once with the stored one, and
      // speak for the tenant as stored now (its base URL may have moved with the re-install).
      if (!(error instanceof JwtRejectedError) || !/signature/.test(error.message)) throw error;
      found = await this.tenants.findWithSecret(clientKey, true);
      if (!found) throw new JwtRejectedError('Unknown installation (iss).');
      claims = verifySymmetricJwt(token, found.sharedSecret, expectedQsh);
    }
    const sub = typeof claims.sub === 'string' && claims.sub.length > 0 ? claims.sub : null;
    // verifySymmetricJwt requires `exp`; the socket honours the same leeway the check allowed.
    const expiresAt = ((claims.exp ?? 0) + LEEWAY_SECONDS) * 1000;
    return { tenant: found.tenant, accountId: sub, expiresAt };
  }

  private async verifySession(token: string): Promise<JwtPrincipal & { accountId: string }> {
    const session = await this.sessions.verify(token);
    // Read every time (one indexed row): a session must die with its site's uninstall.
    const tenant = await this.tenants.findById(session.tenantId);
    if (!tenant || tenant.cloudId !== session.cloudId) {
      throw new JwtRejectedError('The app is not installed on this site.');
    }
    return {
      tenant,
      accountId: session.accountId,
      expiresAt: session.expiresAt,
      jira: { kind: 'forge-user', apiBaseUrl: session.apiBaseUrl, token: session.userToken },
    };
  }
}
