/** Socket errors and SQLSTATEs that mean "no database to talk to", not "this query was wrong". */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up or shutting down)
]);

const UNREACHABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end/i;

/** What a person is told while Postgres is away (and /readyz says `database: down`). */
export const DATABASE_UNAVAILABLE =
  'The database is unavailable right now; please try again in a moment.';

/**
 * Whether an error means Postgres cannot be reached (down, restarting, connection lost), as
 * opposed to a bug. Looks through TypeORM's `driverError` and `cause` wrappers.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, syscall, message, driverError, cause } = current as {
      code?: unknown;
      syscall?: unknown;
      message?: unknown;
      driverError?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08')))
      return true;
    // Over a Unix socket, a Postgres that is down has no socket file to connect to.
    if (code === 'ENOENT' && syscall === 'connect') return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGE.test(message)) return true;
    current = driverError ?? cause;
  }
  return false;
}
