import { ackSchemaOf, ok } from './errors';
import { clientAckSchema } from './protocol';
import { roomSnapshotSchema, type RoomSnapshot } from './snapshot';
import { computeStats } from './statistics';

/** A snapshot of a room with one issue in an unrevealed round. */
function hiddenRound(): RoomSnapshot {
  return {
    id: '3f1c2a4e-8b7d-4c1a-9e2f-5a6b7c8d9e0f',
    name: 'Sprint 12',
    version: 3,
    ownerAccountId: 'owner-1',
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
    timerEndsAt: '2030-01-01T10:00:00.000Z',
    members: [
      { accountId: 'owner-1', role: 'owner', online: true, hasVoted: true },
      { accountId: 'voter-1', role: 'voter', online: false, hasVoted: false },
    ],
    votes: null,
    myVote: '5',
    stats: null,
    history: [],
  };
}

describe('roomSnapshotSchema', () => {
  it('accepts a snapshot of a hidden round', () => {
    expect(roomSnapshotSchema.parse(hiddenRound())).toEqual(hiddenRound());
  });

  it('rejects vote values before the reveal', () => {
    const leaked = { ...hiddenRound(), votes: [{ accountId: 'owner-1', value: '5' }] };
    expect(roomSnapshotSchema.safeParse(leaked).success).toBe(false);
  });

  it('requires votes and statistics after the reveal', () => {
    const votes = [{ accountId: 'owner-1', value: '5' }];
    const revealed = { ...hiddenRound(), revealed: true, votes };
    expect(roomSnapshotSchema.safeParse(revealed).success).toBe(false);
    const complete = { ...revealed, stats: computeStats({ kind: 'fibonacci' }, votes) };
    expect(roomSnapshotSchema.safeParse(complete).success).toBe(true);
  });

  it('rejects fields outside the contract, such as display names', () => {
    const snapshot = hiddenRound();
    const members = [{ ...snapshot.members[0], displayName: 'Ada' }];
    expect(roomSnapshotSchema.safeParse({ ...snapshot, members }).success).toBe(false);
  });
});

describe('ack schemas', () => {
  it('checks the data of a successful ack per event', () => {
    const roomAck = clientAckSchema('vote:cast');
    expect(roomAck.safeParse(ok({ room: hiddenRound() })).success).toBe(true);
    expect(roomAck.safeParse(ok({})).success).toBe(false);
    expect(clientAckSchema('room:leave').safeParse(ok({})).success).toBe(true);
  });

  it('accepts a failure ack for any event', () => {
    const failure = { ok: false, error: { code: 'NOT_FOUND', message: 'no such room' } };
    expect(clientAckSchema('room:join').safeParse(failure).success).toBe(true);
    expect(ackSchemaOf(roomSnapshotSchema).safeParse(failure).success).toBe(true);
  });
});
