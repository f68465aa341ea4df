import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import type { RedisPair } from '../realtime/redis-connection';
import { HealthController } from './health.controller';

/** The controller with a database and a Redis that answer as told. */
function controller(database: 'ok' | 'down', redis?: 'ok' | 'down'): HealthController {
  const dataSource = {
    query: () => (database === 'ok' ? Promise.resolve([]) : Promise.reject(new Error('down'))),
  } as unknown as DataSource;
  const pair = redis && ({ ping: () => Promise.resolve(redis === 'ok') } as unknown as RedisPair);
  return new HealthController(dataSource, pair);
}

async function readiness(health: HealthController): Promise<{ status: number; body: unknown }> {
  const answer = { status: 0, body: undefined as unknown };
  const response = {
    status(code: number) {
      answer.status = code;
      return this;
    },
    json(body: unknown) {
      answer.body = body;
      return this;
    },
  } as unknown as Response;
  await health.ready(response);
  return answer;
}

describe('readiness', () => {
  it('stays ready (200) but says degraded when Redis is down, as each node keeps serving its rooms', async () => {
    expect(await readiness(controller('ok', 'down'))).toEqual({
      status: 200,
      body: { status: 'degraded', checks: { database: 'ok', redis: 'down' } },
    });
  });

  it('is not ready (503) when the database is down, with or without Redis', async () => {
    expect(await readiness(controller('down', 'ok'))).toEqual({
      status: 503,
      body: { status: 'degraded', checks: { database: 'down', redis: 'ok' } },
    });
    expect((await readiness(controller('down'))).status).toBe(503);
  });

  it('is ready and ok when everything answers', async () => {
    expect(await readiness(controller('ok', 'ok'))).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: 'ok', redis: 'ok' } },
    });
  });
});
