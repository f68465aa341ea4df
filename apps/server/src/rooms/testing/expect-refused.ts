import type { ErrorCode } from '@poker/shared';
import { DomainError } from '../../errors/domain.error';
import type { RoomAggregate } from '../rules/room-aggregate';
import { roomAggregate } from '../rules/room-aggregate.fixture';

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

/**
 * The refusals an owner-only command on the issue in play shares: bob (a voter) is FORBIDDEN,
 * and the owner with no issue in play gets CONFLICT. `run` applies the command as `who`.
 */
export function refusesUnlessOwnerWithIssue(
  action: string,
  run: (aggregate: RoomAggregate, who: string) => unknown,
): void {
  it.each([
    ['a voter', 'bob', {}, 'FORBIDDEN', `Only the room owner or a co-facilitator can ${action}.`],
    [
      'the owner with no issue in play',
      'alice',
      { room: { currentIssueKey: null, round: 0 } },
      'CONFLICT',
      'Select an issue first',
    ],
  ] as const)('refuses %s', (_case, who, spec, code, message) => {
    expectRefused(roomAggregate(spec), (aggregate) => run(aggregate, who), code, message);
  });
}
