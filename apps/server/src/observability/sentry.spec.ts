import type { ErrorEvent } from '@sentry/core';
import { REDACTED_JWT } from './redaction';
import { scrubBreadcrumb, scrubEvent } from './sentry';

const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl';

/** An event as a careless SDK setup could produce it: full of what must not leave. */
const leakyEvent = (): ErrorEvent => ({
  type: undefined,
  event_id: 'abc',
  timestamp: 1,
  level: 'error',
  platform: 'node',
  environment: 'production',
  server_name: 'node-7.internal',
  message: `failed with ${jwt}`,
  request: {
    url: 'https://app/api/settings?jwt=x',
    headers: { authorization: `JWT ${jwt}` },
    data: { name: 'Alice Admin' },
  },
  user: { id: '5f3a9c1e2b7d4a0012c4e8a1', username: 'Alice Admin', ip_address: '10.0.0.1' },
  extra: { summary: 'Secret roadmap item' },
  contexts: { trace: { trace_id: 't', span_id: 's' }, app: { app_name: 'Alice Admin' } },
  modules: { express: '5' },
  tags: {
    zone: 'eu',
    event: 'room:create',
    code: 'INTERNAL',
    tenant: 'client-key',
    account: 'Alice Admin',
  },
  breadcrumbs: [
    {
      category: 'http',
      message: 'GET /rest/api/3/user',
      data: { url: 'https://site/rest/api/3/user?accountId=a' },
    },
    { category: 'app', message: `token ${jwt}` },
  ],
  exception: {
    values: [
      {
        type: 'Error',
        value: `Jira said no to ${jwt}`,
        mechanism: { type: 'generic', handled: true, data: { body: 'Alice Admin' } },
        stacktrace: {
          frames: [
            {
              filename: '/app/dist/rooms/rooms.service.js',
              function: 'RoomsService.create',
              lineno: 10,
              colno: 5,
              in_app: true,
              vars: { name: 'Alice Admin' },
              context_line: "const summary = 'Secret roadmap item';",
              pre_context: ['x'],
            },
          ],
        },
      },
    ],
  },
});

describe('scrubEvent', () => {
  it('keeps the stack trace, message, code, event and zone, and nothing else', () => {
    const scrubbed = scrubEvent(leakyEvent());
    const text = JSON.stringify(scrubbed);
    for (const secret of [
      jwt,
      'Alice Admin',
      'Secret roadmap item',
      '5f3a9c1e2b7d4a0012c4e8a1',
      'client-key',
      '10.0.0.1',
      'node-7',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(scrubbed.request).toBeUndefined();
    expect(scrubbed.user).toBeUndefined();
    expect(scrubbed.extra).toBeUndefined();
    expect(scrubbed.contexts).toBeUndefined();
    expect(scrubbed.tags).toEqual({ zone: 'eu', event: 'room:create', code: 'INTERNAL' });
    expect(scrubbed.message).toBe(`failed with ${REDACTED_JWT}`);
    expect(scrubbed.exception?.values?.[0]).toEqual({
      type: 'Error',
      value: `Jira said no to ${REDACTED_JWT}`,
      mechanism: { type: 'generic', handled: true },
      stacktrace: {
        frames: [
          {
            filename: '/app/dist/rooms/rooms.service.js',
            function: 'RoomsService.create',
            lineno: 10,
            colno: 5,
            in_app: true,
          },
        ],
      },
    });
    expect(scrubbed.breadcrumbs).toEqual([{ category: 'app', message: `token ${REDACTED_JWT}` }]);
  });

  it('drops breadcrumbs that carry data', () => {
    expect(
      scrubBreadcrumb({ category: 'console', message: 'x', data: { arguments: ['Alice Admin'] } }),
    ).toBeNull();
    expect(scrubBreadcrumb({ category: 'console', message: 'plain' })).toEqual({
      category: 'console',
      message: 'plain',
    });
  });
});
