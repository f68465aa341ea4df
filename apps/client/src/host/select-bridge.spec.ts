import { describe, expect, it } from '@jest/globals';
import { demoHostOrigin } from './select-bridge';

describe('demoHostOrigin', () => {
  const demo = (xdmE: string) => new URLSearchParams({ host: 'demo', xdm_e: xdmE });

  it('selects the demo host only on a loopback page framed by a loopback host page', () => {
    expect(demoHostOrigin('http://localhost:3000', demo('http://127.0.0.1:4000'))).toBe(
      'http://127.0.0.1:4000',
    );
    expect(demoHostOrigin('http://127.0.0.1:3000', demo('http://localhost:4000/forge'))).toBe(
      'http://localhost:4000',
    );
  });

  it('never selects it on a deployed app, whatever the link says', () => {
    // Production needs an https APP_BASE_URL that Jira can reach: never loopback.
    expect(() => demoHostOrigin('https://poker.example.com', demo('https://evil.example'))).toThrow(
      /only on a local demo/,
    );
    expect(() =>
      demoHostOrigin('https://poker.example.com', demo('http://127.0.0.1:4000')),
    ).toThrow(/only on a local demo/);
    expect(() => demoHostOrigin('http://localhost:3000', demo('https://evil.example'))).toThrow(
      /only on a local demo/,
    );
  });

  it('is not asked for without host=demo', () => {
    expect(demoHostOrigin('http://localhost:3000', new URLSearchParams())).toBeNull();
  });
});
