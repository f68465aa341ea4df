/** A JWT that must not be accepted; the message says why (safe to show: it holds no token). */
export class JwtRejectedError extends Error {
  override readonly name = 'JwtRejectedError';
}
