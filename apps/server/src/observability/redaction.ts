import { inspect } from 'node:util';

/**
 * Anything shaped like a JWT (`eyJ` + base64url header, a dot, the claims, and usually a
 * signature). Connect tokens carry the tenant, the person and a signature that proves them, so
 * they never leave the process, whatever message or stack trace they end up in.
 */
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?/g;

export const REDACTED_JWT = '[redacted JWT]';

/** The text with every JWT-shaped run replaced. */
export function redactText(text: string): string {
  return text.replace(JWT_SHAPE, REDACTED_JWT);
}

/**
 * A log argument made safe to print: strings and errors have their JWTs replaced; other values
 * are rendered to text first (so a token nested in an object cannot slip past).
 */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return redactText(value.stack ?? `${value.name}: ${value.message}`);
  if (value === null || typeof value !== 'object') return value;
  return redactText(inspect(value, { depth: 4, breakLength: Infinity }));
}
