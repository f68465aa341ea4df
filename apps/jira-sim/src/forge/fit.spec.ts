import { startJiraSim, type JiraSim } from '../jira-sim';
import { SEED_USERS } from '../seed';
import { generateSigningKey } from './jwt';
import { verifyWithJose } from './jose-check';

describe('Forge invocation tokens', () => {
  let sim: JiraSim;
  beforeAll(async () => {
    sim = await startJiraSim();
  });
  afterAll(() => sim.close());

  it('serves the FIT key as a JWKS with its kid', async () => {
    const response = await fetch(sim.forge.jwksUrl);
    const body = (await response.json()) as { keys: Record<string, unknown>[] };
    expect(sim.forge.jwksUrl).toBe(`${sim.url}/forge/.well-known/jwks.json`);
    expect(body.keys).toEqual([
      expect.objectContaining({ kty: 'RSA', kid: sim.forge.kid, alg: 'RS256', use: 'sig' }),
    ]);
    expect(body.keys[0]).not.toHaveProperty('d');
  });

  it('mints FITs that jose verifies against the JWKS, with the contract claims', async () => {
    const token = sim.forge.fit({ principal: SEED_USERS.bob.accountId });
    const verdict = await verifyWithJose({
      token,
      jwksUrl: sim.forge.jwksUrl,
      audience: sim.forge.appId,
    });
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(verdict.protectedHeader).toMatchObject({ alg: 'RS256', kid: sim.forge.kid });
    expect(sim.forge.appId).toMatch(/^ari:cloud:ecosystem::app\/[0-9a-f-]{36}$/);
    expect(sim.forge.installationId).toMatch(/^ari:cloud:ecosystem::installation\/[0-9a-f-]{36}$/);
    const { payload } = verdict;
    expect(payload).toMatchObject({
      iss: 'forge/invocation-token',
      aud: sim.forge.appId,
      principal: SEED_USERS.bob.accountId,
      app: {
        id: sim.forge.appId,
        installationId: sim.forge.installationId,
        apiBaseUrl: `${sim.url}/ex/jira/${sim.state.cloudId}`,
        environment: {
          type: 'DEVELOPMENT',
          id: expect.stringMatching(/^ari:cloud:ecosystem::environment\//),
        },
        module: { key: 'poker-rooms', type: 'jira:projectPage' },
      },
      context: { cloudId: sim.state.cloudId, siteUrl: sim.url, moduleKey: 'poker-rooms' },
    });
    expect(typeof payload.jti).toBe('string');
    expect(payload.exp as number).toBeGreaterThan(payload.iat as number);
    expect(payload.nbf).toBe(payload.iat);
  });

  it.each([
    ['another audience', { aud: 'ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000000' }],
    ['another issuer', { iss: 'someone-else' }],
    ['an expired token', { iat: 1_000, exp: 2_000 }],
    ['a token not valid yet', { nbf: Math.floor(Date.now() / 1000) + 3_600 }],
  ])('lets tests mint %s, which jose refuses', async (_name, options) => {
    const verdict = await verifyWithJose({
      token: sim.forge.fit(options),
      jwksUrl: sim.forge.jwksUrl,
      audience: sim.forge.appId,
    });
    expect(verdict.ok).toBe(false);
  });

  it('lets tests forge the signature: other key, alg none, HS256 with the public key', async () => {
    const other = await generateSigningKey();
    const forged = [
      sim.forge.fit({ privateKey: other.privateKey }),
      sim.forge.fit({ alg: 'none' }),
      sim.forge.fit({ alg: 'HS256', secret: sim.forge.publicKeyPem }),
    ];
    for (const token of forged) {
      const verdict = await verifyWithJose({
        token,
        jwksUrl: sim.forge.jwksUrl,
        audience: sim.forge.appId,
      });
      expect(verdict.ok).toBe(false);
    }
  });

  it('removes or replaces any claim on request', () => {
    const claims = sim.forge.fitClaims({ claims: { principal: undefined, app: { id: 'x' } } });
    expect(claims).not.toHaveProperty('principal');
    expect(claims.app).toEqual({ id: 'x' });
    expect(sim.forge.fitClaims({ context: null })).not.toHaveProperty('context');
  });
});
