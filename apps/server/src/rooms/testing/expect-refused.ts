import type { ErrorCode } from '@poker/shared';
import { DomainError } from '../../errors/domain.error';
import type { RoomAggregate } from '../rules/room-aggregate';

/**
 * Runs `change` on `aggregate`, which must refuse: a DomainError with `code` and a message
 * containing `fragment`. A refusal hands back no writes, and the rows it saw stay as they were.
 */
export function expectRefused(
  aggregate: RoomAggregate,
  change: (aggregate: RoomAggregate) => unknown,
  code: ErrorCode,
  fragment: string,
): DomainError {
  const before = structuredClone(aggregate);
  let returned: unknown;
  let thrown: unknown;
  try {
    returned = change(aggregate);
  } catch (error) {
    thrown = error;
  }
  expect(returned).toBeUndefined();
  expect(thrown).toBeInstanceOf(DomainError);
  const error = thrown as DomainError;
  expect(error.code).toBe(code);
  expect(error.message).toContain(fragment);
  expect(aggregate).toEqual(before);
  return error;
}
