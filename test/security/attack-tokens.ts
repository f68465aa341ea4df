import { createHmac } from 'node:crypto';
import {
  createQueryStringHash,
  encodeSymmetric,
  fromMethodAndUrl,
  SymmetricAlgorithm,
} from 'atlassian-jwt';
import { otherKeyPair, type JiraSim } from '../../apps/jira-sim/src';

const now = () => Math.floor(Date.now() / 1000);

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A token whose header says `alg: none` and that carries no signature at all. */
export function unsignedToken(claims: object, header: object = {}): string {
  return `${base64url({ alg: 'none', typ: 'JWT', ...header })}.${base64url(claims)}.`;
}

/** An HS256 token with a header of our choosing (e.g. a `kid`), signed with any key text. */
export function hmacToken(claims: object, key: string, header: object = {}): string {
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT', ...header })}.${base64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}

/** Keeps the header and signature of a real token but swaps in other claims. */
export function forgedToken(realToken: string, claims: object): string {
  const [header, , signature] = realToken.split('.');
  return [header, base64url(claims), signature].join('.');
}

/** The claims of a correct context token (`AP.context.getToken()`) of a site, with overrides. */
export function contextClaims(site: JiraSim, accountId: string, overrides: object = {}) {
  return {
    iss: site.clientKey,
    sub: accountId,
    qsh: 'context-qsh',
    aud: [site.clientKey],
    iat: now(),
    exp: now() + 300,
    context: {},
    ...overrides,
  };
}

export const secretOf = (site: JiraSim) => site.state.installation!.sharedSecret;

/**
 * Every way a browser-facing token (HTTP API and socket handshake) can be wrong. Each must be
 * refused as UNAUTHENTICATED; `victim` is the site the attacker pretends to belong to, and
 * `attacker` another installed site whose secret the attacker holds.
 */
export function contextTokenAttacks(
  victim: JiraSim,
  attacker: JiraSim,
  accountId: string,
): [string, string][] {
  const secret = secretOf(victim);
  const valid = victim.contextToken(accountId);
  const sign = (overrides: object, key = secret) =>
    encodeSymmetric(contextClaims(victim, accountId, overrides), key);
  const requestQsh = createQueryStringHash(fromMethodAndUrl('POST', '/lifecycle/installed'));
  return [
    ['not a JWT at all', 'garbage'],
    [
      'forged claims under a real signature',
      forgedToken(valid, contextClaims(victim, 'admin-account')),
    ],
    ['alg none', unsignedToken(contextClaims(victim, accountId))],
    ['alg none with a signature part', `${unsignedToken(contextClaims(victim, accountId))}c2ln`],
    [
      'another algorithm (HS512) with the right secret',
      encodeSymmetric(contextClaims(victim, accountId), secret, SymmetricAlgorithm.HS512),
    ],
    ['a wrong key', sign({}, 'not-the-shared-secret-0123456789')],
    ['an RSA private key used as HMAC secret', sign({}, otherKeyPair().privateKeyPem)],
    ['expired', sign({ iat: now() - 1200, exp: now() - 600 })],
    ['not yet valid (nbf)', sign({ nbf: now() + 600 })],
    ['issued in the future (iat)', sign({ iat: now() + 600, exp: now() + 900 })],
    ['without an expiry', sign({ exp: undefined })],
    ['a replayed request token (qsh of another request)', sign({ qsh: requestQsh })],
    ['without a qsh', sign({ qsh: undefined })],
    ['without a subject (account)', sign({ sub: undefined })],
    ['an unknown issuer', sign({ iss: 'no-such-installation' })],
    ['the victim as issuer, signed with the attacker secret', sign({}, secretOf(attacker))],
  ];
}

/** The claims of a correct signed-install token for `path` of the app at `appBaseUrl`. */
export function installClaims(
  site: JiraSim,
  appBaseUrl: string,
  path: string,
  overrides: object = {},
) {
  return { ...site.lifecycleClaims(appBaseUrl, `${appBaseUrl}${path}`), ...overrides };
}

/**
 * Every way a lifecycle (signed install) token can be wrong, for a POST to `path`. Each must be
 * refused with 401 whatever the payload says.
 */
export function installTokenAttacks(
  site: JiraSim,
  appBaseUrl: string,
  path: string,
): [string, string][] {
  const claims = installClaims(site, appBaseUrl, path);
  const valid = site.signInstallToken(claims);
  const other =
    path.endsWith('installed') && !path.endsWith('uninstalled')
      ? '/lifecycle/uninstalled'
      : '/lifecycle/installed';
  const sign = (overrides: object) => site.signInstallToken({ ...claims, ...overrides });
  return [
    ['alg none', unsignedToken(claims, { kid: site.installKeyId })],
    [
      'HS256 signed with the public key (algorithm confusion)',
      hmacToken(claims, site.installPublicKeyPem, { kid: site.installKeyId }),
    ],
    [
      'HS256 signed with a shared secret',
      hmacToken(claims, 'x'.repeat(32), { kid: site.installKeyId }),
    ],
    [
      'forged claims under a real signature',
      forgedToken(valid, { ...claims, iss: 'someone-else' }),
    ],
    [
      'a key nobody published',
      site.signInstallToken(claims, { privateKeyPem: otherKeyPair().privateKeyPem }),
    ],
    [
      'another key under the real kid',
      site.signInstallToken(claims, {
        kid: site.installKeyId,
        privateKeyPem: otherKeyPair().privateKeyPem,
      }),
    ],
    ['a kid that tries path traversal', site.signInstallToken(claims, { kid: '../../etc/passwd' })],
    ['expired', sign({ iat: now() - 1200, exp: now() - 600 })],
    ['not yet valid (nbf)', sign({ nbf: now() + 600 })],
    [
      'replayed from another lifecycle route (qsh)',
      site.signInstallToken(installClaims(site, appBaseUrl, other)),
    ],
    ['for another deployment (aud)', sign({ aud: 'https://eu.poker.example.com' })],
    ['issued by another site (iss)', sign({ iss: 'another-client-key' })],
  ];
}
