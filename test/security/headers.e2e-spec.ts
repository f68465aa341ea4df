import { startTestServer, type TestServer } from '../support/test-server';

/** Directive name → sources, from a Content-Security-Policy header. */
function parseCsp(header: string | null): Record<string, string[]> {
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('security headers', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('lets only Jira (and, outside production, the local simulator) frame the pages', async () => {
    for (const path of ['/app/rooms', '/atlassian-connect.json', '/healthz', '/api/settings']) {
      const response = await fetch(`${server.url}${path}`);
      const csp = parseCsp(response.headers.get('content-security-policy'));
      expect({ path, frameAncestors: csp['frame-ancestors'] }).toEqual({
        path,
        frameAncestors: [
          "'self'",
          'https://*.atlassian.net',
          'https://*.jira.com',
          'http://127.0.0.1:*',
          'http://localhost:*',
        ],
      });
      expect(csp['script-src']).toContain('https://connect-cdn.atl-paas.net');
      expect(csp['connect-src']).toEqual(
        expect.arrayContaining(["'self'", `ws://${new URL(server.url).host}`]),
      );
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(response.headers.get('x-frame-options')).toBeNull();
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    }
  });

  it('takes FRAME_ANCESTORS in production and never allows local origins there', async () => {
    const production = await startTestServer({
      NODE_ENV: 'production',
      FRAME_ANCESTORS: 'https://acme.atlassian.net',
      LOG_LEVEL: 'silent',
    });
    try {
      const response = await fetch(`${production.url}/healthz`);
      const csp = parseCsp(response.headers.get('content-security-policy'));
      expect(csp['frame-ancestors']).toEqual(['https://acme.atlassian.net']);
      expect(JSON.stringify(csp)).not.toMatch(/localhost|127\.0\.0\.1:\*/);
    } finally {
      await production.close();
    }
  });
});
