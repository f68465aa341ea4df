import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const NGINX_CONF = join(__dirname, '../../../../deploy/nginx.conf');

/** The `location` blocks of the proxy's server, as nginx would choose between them. */
function locations(conf: string): { modifier: string; pattern: string; body: string }[] {
  const found = [];
  const block = /location\s+(=|~\*|~|\^~)?\s*(\S+)\s*\{([^}]*)\}/g;
  for (const match of conf.matchAll(block)) {
    found.push({ modifier: match[1] ?? '', pattern: match[2], body: match[3] });
  }
  return found;
}

/**
 * nginx's choice for a normalised path: an exact match, else the longest prefix unless it is
 * `^~`, then the first matching regex, else that prefix.
 */
function chosen(conf: string, path: string): string {
  const all = locations(conf);
  const exact = all.find((l) => l.modifier === '=' && l.pattern === path);
  if (exact) return exact.body;
  const prefixes = all
    .filter((l) => (l.modifier === '' || l.modifier === '^~') && path.startsWith(l.pattern))
    .sort((a, b) => b.pattern.length - a.pattern.length);
  if (prefixes[0]?.modifier === '^~') return prefixes[0].body;
  const regex = all.find(
    (l) =>
      (l.modifier === '~' || l.modifier === '~*') &&
      new RegExp(l.pattern, l.modifier === '~*' ? 'i' : '').test(path),
  );
  return (regex ?? prefixes[0])?.body ?? '';
}

describe('the proxy in front of the nodes (deploy/nginx.conf)', () => {
  const conf = readFileSync(NGINX_CONF, 'utf8');

  it('never forwards /metrics, in any spelling Express would route to it', () => {
    for (const path of ['/metrics', '/METRICS', '/Metrics/', '/metrics/x']) {
      const body = chosen(conf, path);
      expect({ path, proxied: body.includes('proxy_pass') }).toEqual({ path, proxied: false });
      expect(body).toMatch(/return 40[34]|deny all/);
    }
  });

  it('still forwards the app, its sockets and health checks', () => {
    for (const path of ['/', '/readyz', '/socket.io/', '/metricsboard', '/api/settings']) {
      expect({ path, proxied: chosen(conf, path).includes('proxy_pass') }).toEqual({
        path,
        proxied: true,
      });
    }
  });
});
