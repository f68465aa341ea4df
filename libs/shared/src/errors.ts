import { z } from 'zod';

/** Every error code an ack may carry; the list is part of the public protocol. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'JIRA_ERROR',
  'RATE_LIMITED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AckError {
  code: ErrorCode;
  message: string;
}

export interface AckSuccess<T> {
  ok: true;
  data: T;
}

export interface AckFailure {
  ok: false;
  error: AckError;
}

/** What every client→server event answers through its ack callback. */
export type Ack<T> = AckSuccess<T> | AckFailure;

/** Wraps the data of a successful ack. */
export function ok<T>(data: T): AckSuccess<T> {
  return { ok: true, data };
}

/** Builds a failed ack with a contract error code and a human-readable message. */
export function fail(code: ErrorCode, message: string): AckFailure {
  return { ok: false, error: { code, message } };
}

/** Checks whether a value is one of the contract's error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export const ackErrorSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string().min(1),
});

const ackFailureSchema = z.strictObject({ ok: z.literal(false), error: ackErrorSchema });

/** Builds a schema for an ack whose success data must match `data`. */
export function ackSchemaOf<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), data }),
    ackFailureSchema,
  ]);
}

/** Any ack with the contract's shape; the success data is not inspected. */
export const ackSchema = ackSchemaOf(z.unknown());
