import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import type { Tenant } from '../tenants/tenant.entity';
import { TenantsService } from '../tenants/tenants.service';
import { JwtRejectedError } from './jwt-rejected.error';
import {
  CONTEXT_QSH,
  ConnectClaims,
  requestQsh,
  unverifiedIssuer,
  verifySymmetricJwt,
} from './connect-jwt';

/** Who a verified JWT speaks for. */
export interface JwtPrincipal {
  tenant: Tenant;
  /** The acting user's Atlassian account ID (`sub`), when the token names one. */
  accountId: string | null;
  claims: ConnectClaims;
}

/** Verifies HS256 tokens against the issuing tenant's shared secret. */
@Injectable()
export class JwtVerifierService {
  constructor(
    private readonly tenants: TenantsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A Jira→app call: qsh must match this exact request. */
  verifyRequest(token: string, method: string, originalUrl: string): Promise<JwtPrincipal> {
    return this.verify(token, requestQsh(method, originalUrl, this.config.appBaseUrl));
  }

  /** A browser call or socket handshake: a context token that names the acting user. */
  async verifyContext(token: string): Promise<JwtPrincipal & { accountId: string }> {
    const principal = await this.verify(token, CONTEXT_QSH);
    if (!principal.accountId) throw new JwtRejectedError('Context JWT has no sub (account ID).');
    return { ...principal, accountId: principal.accountId };
  }

  private async verify(token: string, expectedQsh: string): Promise<JwtPrincipal> {
    const clientKey = unverifiedIssuer(token);
    const found = await this.tenants.findWithSecret(clientKey);
    if (!found) throw new JwtRejectedError('Unknown installation (iss).');
    let claims: ConnectClaims;
    try {
      claims = verifySymmetricJwt(token, found.sharedSecret, expectedQsh);
    } catch (error) {
      // A re-install on another node rotates the secret: retry once with the stored one.
      if (!(error instanceof JwtRejectedError) || !/signature/.test(error.message)) throw error;
      const fresh = await this.tenants.findWithSecret(clientKey, true);
      if (!fresh) throw new JwtRejectedError('Unknown installation (iss).');
      claims = verifySymmetricJwt(token, fresh.sharedSecret, expectedQsh);
    }
    const sub = typeof claims.sub === 'string' && claims.sub.length > 0 ? claims.sub : null;
    return { tenant: found.tenant, accountId: sub, claims };
  }
}
