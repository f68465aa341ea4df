import { startTestServer, type TestServer } from '../support/test-server';

const METRICS_TOKEN = 'scraper-9f3c1a7e5b2d4c6e8a0f';

describe('metrics behind a token', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ METRICS_TOKEN });
  });
  afterAll(() => server.close());

  const scrape = (authorization?: string) =>
    fetch(`${server.url}/metrics`, {
      headers: authorization === undefined ? {} : { Authorization: authorization },
    });

  it('refuses /metrics without the Bearer token when METRICS_TOKEN is set', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong-token-0000000000',
      `Basic ${METRICS_TOKEN}`,
      `Bearer ${METRICS_TOKEN}x`,
    ]) {
      const response = await scrape(authorization);
      expect({ authorization, status: response.status }).toEqual({ authorization, status: 401 });
      expect(await response.text()).not.toContain('poker_socket_events_total');
    }
    // Express routes these to the same handler: they must not be a way around the token.
    for (const path of ['/METRICS', '/metrics/']) {
      expect((await fetch(`${server.url}${path}`)).status).toBe(401);
    }
  });

  it('answers the scraper that sends the token', async () => {
    const response = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('poker_connected_sockets');
  });
});
