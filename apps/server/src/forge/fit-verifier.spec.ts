import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { FIT_ISSUER, FitVerifier } from './fit-verifier';

const APP_ID = 'ari:cloud:ecosystem::app/0f8b6a3c-1d2e-4f5a-9b8c-7d6e5f4a3b2c';

interface Jwks {
  url: string;
  fetches: number;
  keys: { kid: string; jwk: Record<string, unknown> }[];
  close(): Promise<void>;
}

async function serveJwks(): Promise<Jwks> {
  const jwks: Jwks = { url: '', fetches: 0, keys: [], close: async () => undefined };
  const server: Server = createServer((_req, res) => {
    jwks.fetches += 1;
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        keys: jwks.keys.map(({ kid, jwk }) => ({ ...jwk, kid, alg: 'RS256', use: 'sig' })),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwks.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  jwks.close = () => new Promise((resolve) => server.close(() => resolve()));
  return jwks;
}

async function keyPair(jwks: Jwks, kid: string, publish = true): Promise<KeyLike> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  if (publish) jwks.keys.push({ kid, jwk: { ...(await exportJWK(publicKey)) } });
  return privateKey;
}

const claims = {
  app: {
    id: APP_ID,
    installationId: 'ari:cloud:ecosystem::installation/1',
    apiBaseUrl: 'https://api.atlassian.com/ex/jira/cloud-1',
    module: { key: 'poker-rooms' },
  },
  context: { cloudId: 'cloud-1' },
  principal: 'acc-1',
};

function fit(key: KeyLike, kid: string, edit: (jwt: SignJWT) => SignJWT = (jwt) => jwt) {
  const now = Math.floor(Date.now() / 1000);
  return edit(
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(FIT_ISSUER)
      .setAudience(APP_ID)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + 60),
  ).sign(key);
}

describe('FitVerifier', () => {
  let jwks: Jwks;
  let key: KeyLike;
  beforeEach(async () => {
    jwks = await serveJwks();
    key = await keyPair(jwks, 'k1');
  });
  afterEach(() => jwks.close());

  it('accepts a FIT signed by a JWKS key and returns its claims', async () => {
    const verifier = new FitVerifier(APP_ID, jwks.url);
    await expect(verifier.verify(await fit(key, 'k1'))).resolves.toMatchObject(claims);
  });

  it.each([
    ['another app', (j: SignJWT) => j.setAudience('ari:cloud:ecosystem::app/other'), /another app/],
    ['the wrong issuer', (j: SignJWT) => j.setIssuer('someone'), /wrong issuer/],
    [
      'an expired one',
      (j: SignJWT) => j.setExpirationTime(Math.floor(Date.now() / 1000) - 60),
      /expired/,
    ],
    [
      'one not valid yet',
      (j: SignJWT) => j.setNotBefore(Math.floor(Date.now() / 1000) + 600),
      /not valid yet/,
    ],
  ])('refuses %s', async (_what, edit, message) => {
    const verifier = new FitVerifier(APP_ID, jwks.url);
    await expect(verifier.verify(await fit(key, 'k1', edit))).rejects.toThrow(message);
  });

  it('refuses a FIT signed by a key that is not in the JWKS, and alg none', async () => {
    const verifier = new FitVerifier(APP_ID, jwks.url);
    const stranger = await keyPair(jwks, 'k1-stranger', false);
    await expect(verifier.verify(await fit(stranger, 'k1'))).rejects.toThrow(/signature/);
    const good = await fit(key, 'k1');
    const [, body] = good.split('.');
    const none = `${Buffer.from('{"alg":"none","kid":"k1"}').toString('base64url')}.${body}.`;
    await expect(verifier.verify(none)).rejects.toThrow();
    const hs = `${Buffer.from('{"alg":"HS256","kid":"k1"}').toString('base64url')}.${body}.${good.split('.')[2]}`;
    await expect(verifier.verify(hs)).rejects.toThrow(/algorithm/);
  });

  it('refetches the JWKS for an unknown kid at most once a minute', async () => {
    const verifier = new FitVerifier(APP_ID, jwks.url);
    await verifier.verify(await fit(key, 'k1'));
    expect(jwks.fetches).toBe(1);
    const rotated = await keyPair(jwks, 'k2');
    // The first unknown kid may refetch only after the cooldown; a burst never hammers Forge.
    for (let i = 0; i < 5; i += 1) {
      await verifier.verify(await fit(rotated, 'k2')).catch(() => undefined);
    }
    expect(jwks.fetches).toBe(1);
    const unknown = await keyPair(jwks, 'k3', false);
    for (let i = 0; i < 5; i += 1) {
      await expect(verifier.verify(await fit(unknown, 'k3'))).rejects.toThrow();
    }
    expect(jwks.fetches).toBe(1);
  });
});
