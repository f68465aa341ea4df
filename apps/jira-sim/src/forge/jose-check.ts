import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** The checks a Forge Remote makes; what `verifyWithJose` passes to jose's jwtVerify. */
export interface JoseCheck {
  token: string;
  jwksUrl: string;
  audience: string;
  issuer?: string;
}

const SCRIPT = `
import { createRemoteJWKSet, jwtVerify } from 'jose';
const { TOKEN, JWKS_URL, AUDIENCE, ISSUER } = process.env;
try {
  const { payload, protectedHeader } = await jwtVerify(TOKEN, createRemoteJWKSet(new URL(JWKS_URL)), {
    issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'],
  });
  console.log(JSON.stringify({ ok: true, payload, protectedHeader }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, code: error.code, message: error.message }));
}`;

/**
 * Verifies a token with jose exactly as the server does (remote JWKS, RS256, iss, aud, exp, nbf),
 * in a child node process: jose 6 is ESM only and jest's CommonJS runtime cannot load it. Async,
 * so the simulator in this process can answer the JWKS fetch meanwhile.
 */
export async function verifyWithJose(
  check: JoseCheck,
): Promise<
  | { ok: true; payload: Record<string, unknown>; protectedHeader: Record<string, unknown> }
  | { ok: false; code: string; message: string }
> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', SCRIPT],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        TOKEN: check.token,
        JWKS_URL: check.jwksUrl,
        AUDIENCE: check.audience,
        ISSUER: check.issuer ?? 'forge/invocation-token',
      },
    },
  );
  return JSON.parse(stdout) as Awaited<ReturnType<typeof verifyWithJose>>;
}
