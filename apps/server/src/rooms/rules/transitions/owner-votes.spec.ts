import { expectRefused } from '../../testing/expect-refused';
import { actor, context, NOW, roomAggregate } from '../room-aggregate.fixture';
import { buildSnapshot } from '../room-snapshot';
import { applyWrites } from '../room-writes';
import { castVote } from './cast-vote';
import { eraseAccount } from './erase-account';
import { transferRoom } from './transfer-room';
import { updateSettings } from './update-settings';

describe('whether the owner votes', () => {
  it('the owner chooses to observe: their card in play goes, and they may not play one', () => {
    const aggregate = roomAggregate({ votes: [['alice', '3']] });
    const writes = updateSettings(aggregate, actor('alice'), { ownerVotes: false }, context());
    expect(writes.votes).toEqual([
      { issueKey: 'PROJ-1', round: 1, accountId: 'alice', value: null },
    ]);
    const after = applyWrites(aggregate, writes);
    expect(buildSnapshot(after, new Set()).ownerVotes).toBe(false);
    expectRefused(
      after,
      (rows) => castVote(rows, actor('alice'), { value: '5' }, context()),
      'FORBIDDEN',
      'facilitating without voting',
    );
    const back = applyWrites(
      after,
      updateSettings(after, actor('alice'), { ownerVotes: true }, context()),
    );
    expect(castVote(back, actor('alice'), { value: '5' }, context()).votes).toHaveLength(1);
  });

  it('is the owner’s own choice, not a co-facilitator’s', () => {
    expectRefused(
      roomAggregate({ room: { facilitatorAccountIds: ['bob'] } }),
      (rows) => updateSettings(rows, actor('bob'), { ownerVotes: false }, context()),
      'FORBIDDEN',
      'Only the room owner can choose whether they vote.',
    );
    const rows = roomAggregate({ room: { facilitatorAccountIds: ['bob'] } });
    expect(updateSettings(rows, actor('bob'), { name: 'Renamed' }, context()).room).toEqual({
      name: 'Renamed',
    });
  });

  it('follows the owner in a hand-over: the one who observed stays an observer', () => {
    const aggregate = roomAggregate({ room: { ownerVotes: false } });
    const after = applyWrites(
      aggregate,
      transferRoom(aggregate, actor('alice'), { accountId: 'bob', takeoverAfterMs: 0 }, context()),
    );
    expect(after.members.find((m) => m.accountId === 'alice')?.role).toBe('observer');
    expect(after.room).toMatchObject({ ownerAccountId: 'bob', ownerVotes: true });
  });
});

describe('snapshot: takeover and lists', () => {
  it('says from when a member may take over, while the owner is offline', () => {
    const aggregate = roomAggregate({
      members: [
        ['alice', 'owner', 60_000],
        ['bob', 'voter'],
      ],
    });
    expect(buildSnapshot(aggregate, new Set(['alice', 'bob']), 120_000).takeoverAt).toBeNull();
    expect(buildSnapshot(aggregate, new Set(['bob']), 120_000).takeoverAt).toBe(
      new Date(NOW.getTime() + 60_000).toISOString(),
    );
  });

  it('erasing an account takes it off the co-facilitators and the blocked list', () => {
    const aggregate = roomAggregate({
      room: { facilitatorAccountIds: ['bob'], blockedAccountIds: ['bob', 'mallory'] },
    });
    const writes = eraseAccount(aggregate, actor('alice'), { accountId: 'bob' }, context());
    expect(writes.room).toEqual({ facilitatorAccountIds: [], blockedAccountIds: ['mallory'] });
  });
});
