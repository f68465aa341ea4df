import { DomainError } from '../errors/domain.error';

/** RATE_LIMITED, saying when to try again (whole seconds, at least one). */
export function rateLimited(reason: string, retryAfterMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new DomainError('RATE_LIMITED', `${reason} and try again in ${seconds} s.`);
}
