import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zoneChannelPrefix } from './redis-connection';

describe('Redis of a deployment', () => {
  it('names the zone in every channel prefix, so two zones on one Redis never mix', () => {
    expect(zoneChannelPrefix('us')).toBe('poker:us');
    expect(zoneChannelPrefix('eu')).toBe('poker:eu');
    // The adapter subscribes to `<prefix>#/poker#*`: one zone's pattern never matches another's.
    expect(`${zoneChannelPrefix('eu')}#/poker#`.startsWith(`${zoneChannelPrefix('us')}#`)).toBe(
      false,
    );
  });

  it('runs Redis with a password in docker-compose.yml, and the nodes connect with it', () => {
    const compose = readFileSync(join(__dirname, '../../../../docker-compose.yml'), 'utf8');
    expect(compose).toMatch(/--requirepass\s*\n\s*- \$\{REDIS_PASSWORD:\?/);
    expect(compose).toMatch(/REDIS_URL: redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]*\}@redis:6379/);
    expect(compose).toMatch(/REDISCLI_AUTH: \$\{REDIS_PASSWORD/);
  });
});
