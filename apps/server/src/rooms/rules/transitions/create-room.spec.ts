import { roomSnapshotSchema } from '@poker/shared';
import { actor, NOW, TENANT_ID } from '../room-aggregate.fixture';
import { ROOM_LIMITS } from '../room-limits';
import { buildSnapshot } from '../room-snapshot';
import { createRoom, type NewRoom } from './create-room';

const ID = '2a6d0f3e-4b1c-4e8a-9f7d-5c3b2a1e0d9f';

const payload = (fields: Partial<NewRoom> = {}): NewRoom => ({
  id: ID,
  name: 'Sprint 43',
  deck: { kind: 'fibonacci' },
  issueKeys: ['PROJ-7', 'PROJ-8'],
  ...fields,
});

describe('createRoom', () => {
  it('makes the actor the owner and only member, with the first issue in play', () => {
    const created = createRoom(actor('alice'), payload(), NOW);
    expect(created.room).toEqual({
      id: ID,
      tenantId: TENANT_ID,
      ownerAccountId: 'alice',
      name: 'Sprint 43',
      deck: { kind: 'fibonacci' },
      fieldId: null,
      autoReveal: false,
      autoAdvance: false,
      ownerVotes: true,
      facilitatorAccountIds: [],
      blockedAccountIds: [],
      skippedIssueKeys: [],
      anonymousReveal: false,
      anonymousThrough: {},
      suggestRule: 'mode',
      timerSeconds: 60,
      asyncVoting: false,
      currentIssueKey: 'PROJ-7',
      round: 1,
      revealed: false,
      timerEndsAt: null,
      version: 1,
      updatedAt: NOW,
    });
    expect(created.members).toEqual([
      { roomId: ID, accountId: 'alice', role: 'owner', lastSeenAt: NOW },
    ]);
    expect(created.issues.map((i) => [i.issueKey, i.position, i.savedValue])).toEqual([
      ['PROJ-7', 0, null],
      ['PROJ-8', 1, null],
    ]);
    expect(created.votes).toEqual([]);
    expect(roomSnapshotSchema.parse(buildSnapshot(created, new Set(['alice'])))).toBeTruthy();
  });

  it('takes the estimate field and auto-reveal asked for', () => {
    const { room } = createRoom(
      actor('alice'),
      payload({ fieldId: 'customfield_10016', autoReveal: true }),
      NOW,
    );
    expect(room).toMatchObject({ fieldId: 'customfield_10016', autoReveal: true });
  });

  it('has nothing in play without issues', () => {
    const { room, issues } = createRoom(actor('alice'), payload({ issueKeys: [] }), NOW);
    expect(room).toMatchObject({ currentIssueKey: null, round: 0 });
    expect(issues).toEqual([]);
  });

  it(`refuses more than ${ROOM_LIMITS.issuesPerRoom} issues`, () => {
    const issueKeys = Array.from({ length: ROOM_LIMITS.issuesPerRoom + 1 }, (_, i) => `P-${i}`);
    expect(() => createRoom(actor('alice'), payload({ issueKeys }), NOW)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', message: 'A room holds at most 200 issues.' }),
    );
    expect(() =>
      createRoom(actor('alice'), payload({ issueKeys: issueKeys.slice(1) }), NOW),
    ).not.toThrow();
  });

  it('takes the room options given, and defaults for the rest', () => {
    const created = createRoom(
      actor('alice'),
      payload({ anonymousReveal: true, suggestRule: 'average-nearest', timerSeconds: 45 }),
      NOW,
    );
    expect(created.room).toMatchObject({
      anonymousReveal: true,
      anonymousThrough: {},
      suggestRule: 'average-nearest',
      timerSeconds: 45,
    });
    expect(createRoom(actor('alice'), payload(), NOW).room).toMatchObject({
      anonymousReveal: false,
      suggestRule: 'mode',
      timerSeconds: 60,
    });
  });
});
