import { encodeSymmetric } from 'atlassian-jwt';
import type { AppConfig } from '../config/app-config';
import type { SessionTokens } from '../session/session-tokens';
import type { Tenant } from '../tenants/tenant.entity';
import type { TenantsService, TenantWithSecret } from '../tenants/tenants.service';
import { CONTEXT_QSH } from './connect-jwt';
import { JwtVerifierService } from './jwt-verifier.service';

describe('JwtVerifierService', () => {
  it('speaks for the tenant as re-read when a re-install on another node rotated the secret', async () => {
    const cached: TenantWithSecret = {
      tenant: { id: 't1', baseUrl: 'https://old.atlassian.net' } as Tenant,
      sharedSecret: 'old-secret-0123456789',
    };
    const stored: TenantWithSecret = {
      tenant: { id: 't1', baseUrl: 'https://new.atlassian.net' } as Tenant,
      sharedSecret: 'new-secret-0123456789',
    };
    const tenants = {
      findWithSecret: (_clientKey: string, fresh = false) =>
        Promise.resolve(fresh ? stored : cached),
    } as unknown as TenantsService;
    const verifier = new JwtVerifierService(
      tenants,
      {} as SessionTokens,
      {
        appBaseUrl: 'https://poker.example.com',
      } as AppConfig,
    );
    const now = Math.floor(Date.now() / 1000);
    const token = encodeSymmetric(
      { iss: 'site', sub: 'account-1', qsh: CONTEXT_QSH, iat: now, exp: now + 60 },
      stored.sharedSecret,
    );

    const principal = await verifier.verifyContext(token);

    expect(principal.tenant.baseUrl).toBe('https://new.atlassian.net');
  });
});
