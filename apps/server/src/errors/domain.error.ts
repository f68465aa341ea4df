import type { ErrorCode } from '@poker/shared';

/**
 * An expected failure with a contract error code and a message meant for the person acting
 * ("Only the room owner can reveal votes."). The exception filters turn it into the ack or
 * HTTP answer; it never carries personal data.
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Room') => new DomainError('NOT_FOUND', `${what} not found.`);
export const forbidden = (message: string) => new DomainError('FORBIDDEN', message);
export const conflict = (message: string) => new DomainError('CONFLICT', message);
export const badRequest = (message: string) => new DomainError('BAD_REQUEST', message);
