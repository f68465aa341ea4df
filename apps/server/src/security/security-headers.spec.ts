import { loadConfig } from '../config/app-config';
import { contentSecurityPolicy } from './security-headers';

const key = 'a'.repeat(64);

describe('contentSecurityPolicy', () => {
  it('lets only Jira Cloud frame the app in production, and loads all.js from Atlassian', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      SECRETS_KEY: key,
      APP_BASE_URL: 'https://poker.example.com',
      DATABASE_URL: 'postgres://poker@db/poker',
    });
    const csp = contentSecurityPolicy(config);
    expect(csp['frame-ancestors']).toEqual([
      "'self'",
      'https://*.atlassian.net',
      'https://*.jira.com',
    ]);
    expect(csp['script-src']).toEqual(["'self'", 'https://connect-cdn.atl-paas.net']);
    expect(csp['connect-src']).toEqual(["'self'", 'wss://poker.example.com']);
    expect(csp['upgrade-insecure-requests']).toEqual([]);
    expect(JSON.stringify(csp)).not.toMatch(/localhost|127\.0\.0\.1/);
  });

  it('adds the local simulator origins outside production, over plain HTTP', () => {
    const csp = contentSecurityPolicy(loadConfig({ NODE_ENV: 'test', PORT: '3000' }));
    expect(csp['frame-ancestors']).toEqual(
      expect.arrayContaining([
        'https://*.atlassian.net',
        'http://127.0.0.1:*',
        'http://localhost:*',
      ]),
    );
    expect(csp['connect-src']).toContain('ws://localhost:3000');
    expect(csp['upgrade-insecure-requests']).toBeUndefined();
  });

  it('takes the frame ancestors from FRAME_ANCESTORS, and refuses anything but origins', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      SECRETS_KEY: key,
      APP_BASE_URL: 'https://poker.example.com',
      DATABASE_URL: 'postgres://poker@db/poker',
      FRAME_ANCESTORS: "'self', https://acme.atlassian.net https://jira.acme.example:8443",
    });
    expect(contentSecurityPolicy(config)['frame-ancestors']).toEqual([
      "'self'",
      'https://acme.atlassian.net',
      'https://jira.acme.example:8443',
    ]);
    for (const bad of [
      '*',
      'https://x.example/path',
      "https://x.example 'unsafe-inline'",
      'javascript:x',
    ]) {
      expect(() => loadConfig({ FRAME_ANCESTORS: bad })).toThrow(/FRAME_ANCESTORS/);
    }
  });
});
