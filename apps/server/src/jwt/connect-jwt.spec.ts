import { createQueryStringHash, encodeSymmetric, fromMethodAndUrl } from 'atlassian-jwt';
import {
  CONTEXT_QSH,
  extractToken,
  requestQsh,
  unverifiedIssuer,
  verifySymmetricJwt,
} from './connect-jwt';

const secret = 'tenant-shared-secret-0123456789abcdef';
const now = Math.floor(Date.now() / 1000);
const qsh = createQueryStringHash(fromMethodAndUrl('GET', '/api/settings?b=2&a=1'));

function sign(claims: object, key = secret): string {
  return encodeSymmetric({ iss: 'client-1', iat: now, exp: now + 180, qsh, ...claims }, key);
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('verifySymmetricJwt', () => {
  it('accepts a correctly signed token whose qsh matches the request', () => {
    const claims = verifySymmetricJwt(sign({ sub: 'acc-1' }), secret, qsh, now);
    expect(claims).toMatchObject({ iss: 'client-1', sub: 'acc-1' });
  });

  it('rejects a tampered signature', () => {
    const token = sign({});
    const [header, , signature] = token.split('.');
    const forged = [header, base64url({ iss: 'client-1', exp: now + 999, qsh }), signature].join(
      '.',
    );
    expect(() => verifySymmetricJwt(forged, secret, qsh, now)).toThrow(/signature/);
  });

  it('rejects a token signed with another secret', () => {
    expect(() => verifySymmetricJwt(sign({}, 'other-secret'), secret, qsh, now)).toThrow(
      /signature/,
    );
  });

  it('rejects alg none', () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ iss: 'client-1', exp: now + 60, qsh })}.`;
    expect(() => verifySymmetricJwt(token, secret, qsh, now)).toThrow(/HS256/);
  });

  it('rejects a wrong qsh and a context token on a request route', () => {
    expect(() => verifySymmetricJwt(sign({ qsh: 'abc' }), secret, qsh, now)).toThrow(/qsh/);
    expect(() => verifySymmetricJwt(sign({ qsh: CONTEXT_QSH }), secret, qsh, now)).toThrow(/qsh/);
    expect(() => verifySymmetricJwt(sign({}), secret, CONTEXT_QSH, now)).toThrow(/context-qsh/);
  });

  it('rejects an expired, a not-yet-valid and an expiry-less token', () => {
    expect(() => verifySymmetricJwt(sign({ exp: now - 120 }), secret, qsh, now)).toThrow(/expired/);
    expect(() => verifySymmetricJwt(sign({ nbf: now + 600 }), secret, qsh, now)).toThrow(
      /not valid yet/,
    );
    expect(() => verifySymmetricJwt(sign({ exp: undefined }), secret, qsh, now)).toThrow(/expiry/);
  });

  it('rejects garbage', () => {
    expect(() => verifySymmetricJwt('not-a-jwt', secret, qsh, now)).toThrow();
  });
});

describe('token helpers', () => {
  it('reads the token from the Authorization header or the jwt query parameter', () => {
    expect(extractToken('JWT abc.def.ghi', undefined)).toBe('abc.def.ghi');
    expect(extractToken(undefined, 'x.y.z')).toBe('x.y.z');
    expect(extractToken('Basic foo', undefined)).toBeNull();
  });

  it('reads the issuer of an unverified token and refuses one without', () => {
    expect(unverifiedIssuer(sign({}))).toBe('client-1');
    expect(() => unverifiedIssuer(`${base64url({ alg: 'HS256' })}.${base64url({})}.x`)).toThrow(
      /issuer/,
    );
  });

  it('computes the qsh relative to a base URL with a path and ignores the jwt parameter', () => {
    const expected = createQueryStringHash(fromMethodAndUrl('POST', '/lifecycle/installed'));
    expect(requestQsh('POST', '/poker/lifecycle/installed?jwt=x', 'https://h.example/poker')).toBe(
      expected,
    );
    expect(requestQsh('POST', '/lifecycle/installed', 'https://h.example')).toBe(expected);
  });
});
