import { CrossOriginPolicy } from './cross-origin';

describe('CrossOriginPolicy', () => {
  const policy = new CrossOriginPolicy('https://poker.example.com/base', [
    'https://*.cdn.prod.atlassian-dev.net',
    'http://127.0.0.1:4001',
  ]);

  it('lets our own pages and Forge Custom UI origins poll', () => {
    expect(policy.allows('https://poker.example.com')).toBe(true);
    expect(policy.allows('https://0a1b2c3d.cdn.prod.atlassian-dev.net')).toBe(true);
    expect(policy.allows('http://127.0.0.1:4001')).toBe(true);
  });

  it('refuses every other origin, including look-alikes', () => {
    for (const origin of [
      'https://evil.example',
      'https://cdn.prod.atlassian-dev.net.evil.example',
      'https://x.cdn.prod.atlassian-dev.net:8443',
      'http://x.cdn.prod.atlassian-dev.net',
      'http://127.0.0.1:4002',
      'https://poker.example.com.evil.example',
      'null',
    ]) {
      expect({ origin, allowed: policy.allows(origin) }).toEqual({ origin, allowed: false });
    }
  });

  it('lets clients that are not browsers (no Origin header) through', () => {
    expect(policy.allows(undefined)).toBe(true);
  });
});
