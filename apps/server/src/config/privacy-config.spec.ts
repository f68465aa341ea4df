import { loadConfig } from './app-config';

describe('loadConfig: privacy and observability settings', () => {
  it('defaults to a 7-day reporting cycle, text logs and no region base URLs', () => {
    expect(loadConfig({})).toMatchObject({
      privacyReportCycleDays: 7,
      logFormat: 'text',
      regionBaseUrls: undefined,
    });
  });

  it('logs JSON in production unless told otherwise', () => {
    const production = {
      NODE_ENV: 'production',
      SECRETS_KEY: 'a'.repeat(64),
      APP_BASE_URL: 'https://poker.example.com',
      DATABASE_URL: 'postgres://db/poker',
    } as const;
    expect(loadConfig(production).logFormat).toBe('json');
    expect(loadConfig({ ...production, LOG_FORMAT: 'text' }).logFormat).toBe('text');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('parses REGION_BASE_URLS into location → base URL, without trailing slashes', () => {
    const config = loadConfig({
      REGION_BASE_URLS: 'US=https://us.example.com/, EU=https://eu.example.com',
    });
    expect(config.regionBaseUrls).toEqual({
      US: 'https://us.example.com',
      EU: 'https://eu.example.com',
    });
  });

  it.each([
    ['a lower-case location', 'us=https://us.example.com'],
    ['a URL that is not http(s)', 'US=ftp://us.example.com'],
    ['a missing URL', 'US'],
    ['a location named twice', 'US=https://a.example.com,US=https://b.example.com'],
    ['no pair at all', ','],
  ])('refuses REGION_BASE_URLS with %s', (_case, value) => {
    expect(() => loadConfig({ REGION_BASE_URLS: value })).toThrow(
      /^Invalid configuration: REGION_BASE_URLS/,
    );
  });

  it("refuses to send this zone's own location to another deployment", () => {
    const env = {
      NODE_ENV: 'development',
      ZONE: 'eu',
      REGION_BASE_URLS: 'EU=https://eu.example.com,US=https://us.example.com',
    };
    expect(() => loadConfig({ ...env, APP_BASE_URL: 'https://us.example.com' })).toThrow(
      /REGION_BASE_URLS must send this zone's location/,
    );
    expect(loadConfig({ ...env, APP_BASE_URL: 'https://eu.example.com/' }).zone).toBe('eu');
  });

  it('bounds the reporting cycle', () => {
    expect(loadConfig({ PRIVACY_REPORT_CYCLE_DAYS: '14' }).privacyReportCycleDays).toBe(14);
    expect(() => loadConfig({ PRIVACY_REPORT_CYCLE_DAYS: '0' })).toThrow(
      /PRIVACY_REPORT_CYCLE_DAYS/,
    );
  });
});

describe('loadConfig: SENTRY_DSN', () => {
  it('accepts a Sentry DSN and refuses what the SDK would silently ignore', () => {
    expect(loadConfig({ SENTRY_DSN: 'https://abc123@o1.ingest.sentry.io/42' }).sentryDsn).toBe(
      'https://abc123@o1.ingest.sentry.io/42',
    );
    expect(loadConfig({ SENTRY_DSN: 'http://key@127.0.0.1:9000/1' }).sentryDsn).toBeDefined();
    expect(() => loadConfig({ SENTRY_DSN: 'http://public-key@127.0.0.1:9000/1' })).toThrow(
      /SENTRY_DSN/,
    );
    expect(() => loadConfig({ SENTRY_DSN: 'https://sentry.io/42' })).toThrow(/SENTRY_DSN/);
  });
});
