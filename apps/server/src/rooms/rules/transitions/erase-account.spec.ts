import { expectRefused } from '../../testing/expect-refused';
import {
  actor,
  context,
  ROOM_ID,
  roomAggregate,
  type AggregateSpec,
} from '../room-aggregate.fixture';
import { memberOf } from '../room-aggregate';
import { applyWrites } from '../room-writes';
import { eraseAccount, NobodyLeftError } from './erase-account';

const SAVED_BY_BOB = {
  issueKey: 'PROJ-2',
  savedValue: 8,
  savedAt: new Date('2026-11-29T10:00:00Z'),
  savedByAccountId: 'bob',
};

const erase = (accountId: string, spec: AggregateSpec = {}) => {
  const aggregate = roomAggregate(spec);
  const writes = eraseAccount(aggregate, actor('system'), { accountId }, context());
  return { writes, after: applyWrites(aggregate, writes) };
};

describe('eraseAccount', () => {
  it("removes a member's row and cards and their name from saved estimates, not the value", () => {
    const { writes, after } = erase('bob', {
      issues: ['PROJ-1', SAVED_BY_BOB],
      votes: [
        ['bob', '5'],
        ['carol', '3'],
      ],
    });
    expect(writes.erasedAccount).toBe('bob');
    expect(writes.room).toEqual({});
    expect(memberOf(after, 'bob')).toBeUndefined();
    expect(after.votes.map((v) => v.accountId)).toEqual(['carol']);
    expect(after.issues[1]).toMatchObject({ savedValue: 8, savedByAccountId: null });
  });

  it("hands an erased owner's room to the voter seen most recently", () => {
    const { writes, after } = erase('alice', {
      members: [
        ['alice', 'owner'],
        ['bob', 'voter', 60_000],
        ['carol', 'voter', 1_000],
      ],
    });
    expect(writes.room).toEqual({ ownerAccountId: 'carol' });
    expect(writes.members).toEqual([
      expect.objectContaining({ roomId: ROOM_ID, accountId: 'carol', role: 'owner' }),
    ]);
    expect(after.members.map((m) => [m.accountId, m.role])).toEqual([
      ['bob', 'voter'],
      ['carol', 'owner'],
    ]);
  });

  it('hands it to an observer when nobody else votes', () => {
    const { after } = erase('alice', {
      members: [
        ['alice', 'owner'],
        ['olga', 'observer'],
      ],
    });
    expect(after.room.ownerAccountId).toBe('olga');
    expect(memberOf(after, 'olga')?.role).toBe('owner');
  });

  it('refuses with NobodyLeftError when the owner was alone: the room is removed instead', () => {
    const error = expectRefused(
      roomAggregate({ members: [['alice', 'owner']], votes: [['alice', '3']] }),
      (aggregate) => eraseAccount(aggregate, actor('system'), { accountId: 'alice' }, context()),
      'CONFLICT',
      'Nobody is left in the room to take it over.',
    );
    expect(error).toBeInstanceOf(NobodyLeftError);
  });
});
