import { SignJWT } from 'jose';
import { JwtRejectedError } from '../errors/jwt-rejected.error';
import { isSessionToken, SESSION_MAX_SECONDS, SessionTokens } from './session-tokens';

const KEY = 'a'.repeat(64);
const OTHER_KEY = 'b'.repeat(64);

/** A stand-in for Forge's user token: a JWT whose `exp` we choose. */
async function userToken(expSec: number): Promise<string> {
  return new SignJWT({ sub: 'person' })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(expSec)
    .sign(new Uint8Array(32));
}

const session = async (exp = Math.floor(Date.now() / 1000) + 3600) => ({
  tenantId: 't-1',
  cloudId: 'cloud-1',
  accountId: 'acc-1',
  apiBaseUrl: 'https://api.example/ex/jira/cloud-1',
  userToken: await userToken(exp),
});

describe('SessionTokens', () => {
  it('round-trips a session on any node that shares SECRETS_KEY', async () => {
    const input = await session();
    const issued = await new SessionTokens(KEY).issue(input);
    const verified = await new SessionTokens(KEY).verify(issued.token);
    expect(verified).toEqual({ ...input, expiresAt: issued.expiresAt });
    expect(isSessionToken(issued.token)).toBe(true);
  });

  it('lasts at most 15 minutes, or less when the Jira token expires sooner', async () => {
    const now = Date.now();
    const long = await new SessionTokens(KEY).issue(await session(), now);
    expect(long.expiresAt).toBe((Math.floor(now / 1000) + SESSION_MAX_SECONDS) * 1000);
    const soon = Math.floor(now / 1000) + 120;
    const short = await new SessionTokens(KEY).issue(await session(soon), now);
    expect(short.expiresAt).toBe(soon * 1000);
  });

  it('never carries the Jira token in the clear', async () => {
    const input = await session();
    const { token } = await new SessionTokens(KEY).issue(input);
    const payload = Buffer.from(token.split('.')[1], 'base64url').toString('utf8');
    expect(payload).not.toContain(input.userToken.split('.')[1]);
    expect(payload).not.toContain(input.userToken);
  });

  it('refuses a token signed with another key, an expired one and a tampered one', async () => {
    const tokens = new SessionTokens(KEY);
    const foreign = (await new SessionTokens(OTHER_KEY).issue(await session())).token;
    await expect(tokens.verify(foreign)).rejects.toThrow('Invalid session token.');
    const issued = await tokens.issue(await session());
    await expect(tokens.verify(issued.token, issued.expiresAt + 1)).rejects.toThrow(
      'Session token has expired.',
    );
    const [h, p, s] = issued.token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, tid: 'other' })).toString('base64url');
    await expect(tokens.verify(`${h}.${forged}.${s}`)).rejects.toBeInstanceOf(JwtRejectedError);
  });

  it('refuses alg none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({ iss: 'poker-forge-session', sub: 'x', exp: 9e9 }),
    ).toString('base64url');
    await expect(new SessionTokens(KEY).verify(`${header}.${body}.`)).rejects.toThrow(
      'Invalid session token.',
    );
  });

  it('will not issue a session for a Jira token that has already expired', async () => {
    const expired = await session(Math.floor(Date.now() / 1000) - 1);
    await expect(new SessionTokens(KEY).issue(expired)).rejects.toThrow(/expired/);
  });
});
