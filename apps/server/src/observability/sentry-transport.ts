import { createTransport, type BaseTransportOptions, type Transport } from '@sentry/core';

/**
 * Sends envelopes to the DSN's ingest URL with Node's own fetch. `@sentry/core` brings the
 * client, scrubbing hooks, rate-limit handling and buffering; only the request itself is ours,
 * so the server does without `@sentry/node`'s ~79 MB of bundler, CLI and instrumentation
 * tooling it never loads (docs/DEPLOY.md, "The image").
 */
export function makeFetchTransport(options: BaseTransportOptions): Transport {
  return createTransport(options, async (request) => {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: options.headers,
      body: request.body,
      signal: AbortSignal.timeout(10_000),
    });
    return {
      statusCode: response.status,
      headers: {
        'retry-after': response.headers.get('retry-after'),
        'x-sentry-rate-limits': response.headers.get('x-sentry-rate-limits'),
      },
    };
  });
}
