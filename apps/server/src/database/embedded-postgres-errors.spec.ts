import { describeError, startupFailureLine, StartupError } from './embedded-postgres-errors';

describe('start-up failure lines', () => {
  it.each([
    [
      undefined,
      /^Server failed to start: no reason given \(the error was undefined\)\. See the log/,
    ],
    [null, /no reason given \(the error was null\)/],
    ['', /no reason given \(an empty message\)/],
    [new Error(''), /Error without a message\. See the log/],
    [{ reason: 'odd' }, /\{"reason":"odd"\}/],
    [42, /start: 42\. /],
  ])('never prints "undefined" for %p', (thrown, expected) => {
    const line = startupFailureLine(thrown);
    expect(line).toMatch(expected);
    expect(line).not.toMatch(/: undefined$/);
    expect(line).not.toContain('\n');
  });

  it('explains an empty AggregateError by its inner errors and says what to do', () => {
    const refused = (port: number) =>
      Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), { code: 'ECONNREFUSED' });
    const aggregate = Object.assign(new AggregateError([refused(5432), refused(5433)], ''), {
      code: 'ECONNREFUSED',
    });
    expect(startupFailureLine(aggregate)).toBe(
      'Server failed to start: AggregateError ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432; ' +
        'connect ECONNREFUSED 127.0.0.1:5433. Check that the service at that address (DATABASE_URL ' +
        'or REDIS_URL) is running and reachable.',
    );
  });

  it('adds the error code and a hint for a taken port', () => {
    const error = Object.assign(new Error('listen EADDRINUSE: address already in use :::3000'), {
      code: 'EADDRINUSE',
    });
    expect(startupFailureLine(error)).toBe(
      'Server failed to start: listen EADDRINUSE: address already in use :::3000. Another process ' +
        'listens on that port: stop it or set PORT to a free one.',
    );
  });

  it('prints a StartupError as it is, on one line', () => {
    const error = new StartupError('the thing\nbroke', 'Do this.');
    expect(startupFailureLine(error)).toBe('Server failed to start: the thing broke. Do this.');
  });

  it('describes a circular object without throwing', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(describeError(circular)).toBe('[object Object]');
  });
});
