import { ConfigError, loadConfig } from './app-config';

/** What a real deployment sets; each test takes one piece away. */
const DEPLOYMENT = {
  APP_BASE_URL: 'https://poker.example.com',
  DATABASE_URL: 'postgres://poker:pw@db:5432/poker',
  SECRETS_KEY: 'a'.repeat(64),
};

function without(name: keyof typeof DEPLOYMENT): Record<string, string> {
  const env: Record<string, string> = { ...DEPLOYMENT };
  delete env[name];
  return env;
}

describe('production configuration fails closed', () => {
  it('counts a public APP_BASE_URL without NODE_ENV as production, and local ones as development', () => {
    expect(loadConfig(DEPLOYMENT).nodeEnv).toBe('production');
    expect(() => loadConfig(without('SECRETS_KEY'))).toThrow(/SECRETS_KEY is required/);
    expect(loadConfig({}).nodeEnv).toBe('development');
    expect(loadConfig({ APP_BASE_URL: 'http://localhost:3000' }).nodeEnv).toBe('development');
    expect(loadConfig({ APP_BASE_URL: 'http://127.0.0.1:3000' }).nodeEnv).toBe('development');
  });

  it('requires APP_BASE_URL, as an https URL, in production', () => {
    const production = { ...DEPLOYMENT, NODE_ENV: 'production' };
    expect(() => loadConfig({ ...production, APP_BASE_URL: '' })).toThrow(
      /^Invalid configuration: APP_BASE_URL is required when NODE_ENV=production and must be an https:\/\/ URL/,
    );
    expect(() => loadConfig({ ...production, APP_BASE_URL: 'http://poker.example.com' })).toThrow(
      ConfigError,
    );
    // Only this machine can reach loopback (a production-mode benchmark run), so it may be http.
    expect(loadConfig({ ...production, APP_BASE_URL: 'http://127.0.0.1:3000' }).appBaseUrl).toBe(
      'http://127.0.0.1:3000',
    );
  });

  it('requires DATABASE_URL in production, also when NODE_ENV is unset', () => {
    expect(() => loadConfig(without('DATABASE_URL'))).toThrow(
      /DATABASE_URL is required when NODE_ENV=production/,
    );
    expect(() => loadConfig({ ...without('DATABASE_URL'), NODE_ENV: 'production' })).toThrow(
      /DATABASE_URL is required/,
    );
    expect(loadConfig({ ...without('DATABASE_URL'), NODE_ENV: 'development' }).databaseUrl).toBe(
      undefined,
    );
  });

  it("allows Connect installs only from Atlassian's hosts in production, and loopback elsewhere", () => {
    expect(loadConfig(DEPLOYMENT).connectAllowedHosts).toEqual([
      '*.atlassian.net',
      '*.jira.com',
      '*.jira-dev.com',
    ]);
    expect(loadConfig({ NODE_ENV: 'test' }).connectAllowedHosts).toEqual(
      expect.arrayContaining(['*.atlassian.net', '127.0.0.1', 'localhost']),
    );
    expect(
      loadConfig({ ...DEPLOYMENT, CONNECT_ALLOWED_HOSTS: '*.atlassian.net, 127.0.0.1' })
        .connectAllowedHosts,
    ).toEqual(['*.atlassian.net', '127.0.0.1']);
    expect(() => loadConfig({ CONNECT_ALLOWED_HOSTS: 'https://evil.example/x' })).toThrow(
      /CONNECT_ALLOWED_HOSTS must be host names/,
    );
  });
});
