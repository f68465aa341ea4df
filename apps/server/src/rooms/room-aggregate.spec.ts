import {
  aggregateRows,
  copyAggregate,
  fromAggregateRows,
  type RoomAggregate,
} from './room-aggregate';
import { RoomIssue } from './room-issue.entity';
import { RoomMember } from './room-member.entity';
import { Room } from './room.entity';
import { Vote } from './vote.entity';

const roomId = '6f1c2b9e-6a4d-4f3b-9a51-0c7d2e8f1a23';

function aggregate(): RoomAggregate {
  return {
    room: Object.assign(new Room(), {
      id: roomId,
      tenantId: '0b5e7a44-1f0c-4d8e-b2a7-5c9d3e6f7a81',
      ownerAccountId: 'acc-owner',
      name: 'Sprint 42',
      deck: { kind: 'fibonacci' },
      fieldId: null,
      autoReveal: false,
      autoAdvance: true,
      currentIssueKey: 'PROJ-2',
      round: 3,
      revealed: false,
      timerEndsAt: new Date('2026-11-26T01:02:03.456Z'),
      version: 17,
      updatedAt: new Date('2026-11-26T01:00:00.000Z'),
    }),
    members: [
      Object.assign(new RoomMember(), {
        roomId,
        accountId: 'acc-owner',
        role: 'owner',
        lastSeenAt: new Date('2026-11-26T00:59:00.000Z'),
      }),
    ],
    issues: [
      Object.assign(new RoomIssue(), {
        roomId,
        issueKey: 'PROJ-1',
        position: 0,
        savedValue: 5,
        savedAt: new Date('2026-11-25T23:00:00.000Z'),
        savedByAccountId: 'acc-owner',
      }),
      Object.assign(new RoomIssue(), {
        roomId,
        issueKey: 'PROJ-2',
        position: 1,
        savedValue: null,
        savedAt: null,
        savedByAccountId: null,
      }),
    ],
    votes: [
      Object.assign(new Vote(), {
        roomId,
        issueKey: 'PROJ-2',
        round: 2,
        accountId: 'acc-owner',
        value: '8',
      }),
      Object.assign(new Vote(), {
        roomId,
        issueKey: 'PROJ-2',
        round: 3,
        accountId: 'acc-owner',
        value: '?',
      }),
    ],
  };
}

describe('room rows between nodes', () => {
  it('come back through JSON as the same entities', () => {
    const original = aggregate();
    const wire = JSON.parse(JSON.stringify(aggregateRows(original))) as ReturnType<
      typeof aggregateRows
    >;
    const back = fromAggregateRows(wire);
    expect(back).toEqual(original);
    expect(back.room).toBeInstanceOf(Room);
    expect(back.members[0].lastSeenAt).toBeInstanceOf(Date);
  });

  it('copies that a change may modify without touching the cached rows', () => {
    const cached = aggregate();
    const copy = copyAggregate(cached);
    copy.room.round = 4;
    copy.votes = [];
    expect(cached.room.round).toBe(3);
    expect(cached.votes).toHaveLength(2);
  });
});
