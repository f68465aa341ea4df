import { encodeSymmetric } from 'atlassian-jwt';
import { requestQsh, verifyAppJwt } from './jwt-auth';

const installation = { appKey: 'com.example.poker', sharedSecret: 'a'.repeat(40) };
const NOW = 1_760_000_000;
const request = { method: 'GET', originalUrl: '/rest/api/3/issue/PROJ-1?fields=summary,labels' };

function token(overrides: Record<string, unknown> = {}, secret = installation.sharedSecret) {
  const claims = {
    iss: installation.appKey,
    iat: NOW,
    exp: NOW + 180,
    qsh: requestQsh(request.method, request.originalUrl),
    ...overrides,
  };
  return encodeSymmetric(claims, secret);
}

function unsigned(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

describe('requestQsh', () => {
  it('hashes the canonical request: sorted query, jwt parameter left out', () => {
    expect(requestQsh('get', '/rest/api/3/user/bulk?accountId=b&accountId=a&jwt=x')).toBe(
      requestQsh('GET', '/rest/api/3/user/bulk?accountId=a&accountId=b'),
    );
    expect(requestQsh('GET', '/rest/api/3/field')).not.toBe(
      requestQsh('POST', '/rest/api/3/field'),
    );
  });
});

describe('verifyAppJwt', () => {
  it('accepts a token signed by the installed app for this exact request', () => {
    expect(verifyAppJwt(token(), request, installation, NOW)).toEqual({
      jwtValid: true,
      qshValid: true,
      iss: installation.appKey,
    });
  });

  it('refuses a qsh computed for another request', () => {
    const other = token({ qsh: requestQsh('GET', '/rest/api/3/issue/PROJ-2?fields=summary') });
    expect(verifyAppJwt(other, request, installation, NOW)).toMatchObject({
      jwtValid: true,
      qshValid: false,
      error: 'JWT qsh does not match the request.',
    });
  });

  it('refuses the context-qsh of iframe tokens on the REST API', () => {
    const verdict = verifyAppJwt(token({ qsh: 'context-qsh' }), request, installation, NOW);
    expect(verdict.qshValid).toBe(false);
    expect(verdict.error).toBeDefined();
  });

  it('refuses alg none', () => {
    const verdict = verifyAppJwt(
      unsigned({ iss: installation.appKey, exp: NOW + 60, qsh: 'x' }),
      request,
      installation,
      NOW,
    );
    expect(verdict).toMatchObject({ jwtValid: false, error: "JWT algorithm 'none' refused." });
  });

  it('refuses a token signed with another secret', () => {
    const verdict = verifyAppJwt(token({}, 'b'.repeat(40)), request, installation, NOW);
    expect(verdict).toMatchObject({
      jwtValid: false,
      qshValid: true,
      error: 'JWT signature verification failed.',
    });
  });

  it('refuses an expired token', () => {
    const verdict = verifyAppJwt(token({ exp: NOW - 1 }), request, installation, NOW);
    expect(verdict).toMatchObject({ jwtValid: false, error: 'JWT has expired.' });
  });

  it('refuses a token from another issuer, and any token when no app is installed', () => {
    expect(verifyAppJwt(token({ iss: 'other.app' }), request, installation, NOW).error).toBe(
      'JWT issuer is not the installed app.',
    );
    expect(verifyAppJwt(token(), request, undefined, NOW).error).toBe(
      'No app is installed on this site.',
    );
  });

  it('refuses garbage', () => {
    expect(verifyAppJwt('not.a.jwt', request, installation, NOW)).toMatchObject({
      jwtValid: false,
      error: 'Malformed JWT.',
    });
  });
});
