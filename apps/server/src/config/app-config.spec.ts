import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      appBaseUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      dataDir: './.data',
      zone: 'us',
      roomRetentionDays: 180,
      connectInstallKeysUrl: 'https://connect-install-keys.atlassian.com',
    });
  });

  it('names the variable and what is allowed for a bad value', () => {
    expect(() => loadConfig({ ZONE: 'mars' })).toThrow(ConfigError);
    expect(() => loadConfig({ ZONE: 'mars' })).toThrow(/^Invalid configuration: ZONE .*"mars"/);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ SECRETS_KEY: 'short' })).toThrow(/SECRETS_KEY must be 64 hex/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('requires SECRETS_KEY in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SECRETS_KEY is required/);
    const key = 'a'.repeat(64);
    const production = {
      NODE_ENV: 'production',
      SECRETS_KEY: key,
      APP_BASE_URL: 'https://poker.example.com',
      DATABASE_URL: 'postgres://db/poker',
    };
    expect(loadConfig(production).secretsKey).toBe(key);
  });

  it('treats empty variables as unset and trims a trailing slash from URLs', () => {
    const config = loadConfig({
      NODE_ENV: 'development',
      REDIS_URL: '',
      APP_BASE_URL: 'https://poker.example.com/',
    });
    expect(config.redisUrl).toBeUndefined();
    expect(config.appBaseUrl).toBe('https://poker.example.com');
  });

  it('never echoes the value of a secret variable in its error message', () => {
    const run = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    };
    expect(run({ SECRETS_KEY: 'my-secret-key-value' })).toMatch(/SECRETS_KEY/);
    expect(run({ SECRETS_KEY: 'my-secret-key-value' })).not.toContain('my-secret-key-value');
    expect(run({ DATABASE_URL: 'mysql://poker:hunter2@db/poker' })).not.toContain('hunter2');
    expect(run({ REDIS_URL: 'http://:hunter2@redis' })).not.toContain('hunter2');
  });
});
