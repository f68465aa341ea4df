import { applyRoomPatch, diffViews, roomPatchSchema, type RoomPatch } from './patch';
import { roomSnapshotSchema, type RoomSnapshot } from './snapshot';

const base: RoomSnapshot = roomSnapshotSchema.parse({
  id: '6f1c2a44-9a0b-4c55-8d1e-3b2f0a9c7d10',
  name: 'Sprint 42',
  version: 7,
  ownerAccountId: 'alice',
  deck: { kind: 'fibonacci' },
  fieldId: null,
  autoReveal: false,
  autoAdvance: false,
  issues: [
    {
      issueKey: 'PROJ-1',
      fieldId: null,
      savedValue: null,
      savedAt: null,
      savedRounds: null,
      savedConsensus: null,
    },
  ],
  currentIssueKey: 'PROJ-1',
  round: 1,
  revealed: false,
  timerEndsAt: null,
  members: [
    { accountId: 'alice', role: 'owner', online: true, hasVoted: false },
    { accountId: 'bob', role: 'voter', online: true, hasVoted: false },
  ],
  votes: null,
  stats: null,
  history: [],
  myVote: null,
});

describe('room patches', () => {
  it('turn one view into the next, leaving the held one as it was', () => {
    const next: RoomSnapshot = {
      ...base,
      version: 8,
      members: base.members.map((m) => (m.accountId === 'bob' ? { ...m, hasVoted: true } : m)),
    };
    const patch: RoomPatch = {
      roomId: base.id,
      baseVersion: 7,
      version: 8,
      ops: diffViews(base, next),
    };
    expect(roomPatchSchema.parse(patch)).toEqual(patch);
    expect(applyRoomPatch(base, patch)).toEqual(next);
    expect(base.version).toBe(7);
    expect(base.members[1].hasVoted).toBe(false);
    // A vote flips one flag: far smaller than the room.
    expect(JSON.stringify(patch).length).toBeLessThan(JSON.stringify(next).length / 2);
  });

  it('do not apply to another version, another room, or when they end at another version', () => {
    const patch: RoomPatch = {
      roomId: base.id,
      baseVersion: 7,
      version: 8,
      ops: [{ op: 'replace', path: '/version', value: 8 }],
    };
    expect(applyRoomPatch({ ...base, version: 6 }, patch)).toBeNull();
    expect(applyRoomPatch(base, { ...patch, roomId: 'other' })).toBeNull();
    expect(applyRoomPatch(base, { ...patch, version: 9 })).toBeNull();
    expect(
      applyRoomPatch(base, { ...patch, ops: [{ op: 'remove', path: '/nope/deeper' }] }),
    ).toBeNull();
  });
});
