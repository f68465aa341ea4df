import type { MemberRole } from '@poker/shared';
import type { Actor } from './actor';
import type { IssueRow, MemberRow, RoomAggregate, RoomRow, VoteRow } from './room-aggregate';
import type { TransitionContext } from './transition';

/** Rows for specs (not built into the server): one room of tenant T, owned by alice. */
export const ROOM_ID = '6f1c2a44-9a0b-4c55-8d1e-3b2f0a9c7d10';
export const TENANT_ID = '0b5e7a44-1f0c-4d8e-b2a7-5c9d3e6f7a81';
export const NOW = new Date('2026-11-30T12:00:00.000Z');

export const actor = (accountId: string): Actor => ({ tenantId: TENANT_ID, accountId });

export interface AggregateSpec {
  room?: Partial<RoomRow>;
  /** [accountId, role, last seen (ms before NOW)]; alice (owner), bob and carol (voters) by default. */
  members?: [string, MemberRole, number?][];
  /** Queue keys in order; PROJ-1, PROJ-2 and PROJ-3 by default. */
  issues?: (string | (Partial<IssueRow> & { issueKey: string }))[];
  /** [accountId, value, round (the room's), issueKey (the current one)] */
  votes?: [string, string, number?, string?][];
}

/** A room on PROJ-1, round 1, hidden, fibonacci deck, version 7, unless `spec` says otherwise. */
export function roomAggregate(spec: AggregateSpec = {}): RoomAggregate {
  const room: RoomRow = {
    id: ROOM_ID,
    tenantId: TENANT_ID,
    ownerAccountId: 'alice',
    name: 'Sprint 42',
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
    currentIssueKey: 'PROJ-1',
    round: 1,
    revealed: false,
    timerEndsAt: null,
    version: 7,
    updatedAt: new Date(NOW.getTime() - 5_000),
    ...spec.room,
  };
  const members = (
    spec.members ?? [
      ['alice', 'owner'],
      ['bob', 'voter'],
      ['carol', 'voter'],
    ]
  )
    .map(([accountId, role, ago = 0]): MemberRow => ({
      roomId: ROOM_ID,
      accountId,
      role,
      lastSeenAt: new Date(NOW.getTime() - ago),
    }))
    .sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
  const issues = (spec.issues ?? ['PROJ-1', 'PROJ-2', 'PROJ-3']).map(
    (issue, position): IssueRow => ({
      roomId: ROOM_ID,
      position,
      fieldId: null,
      savedValue: null,
      savedAt: null,
      savedByAccountId: null,
      savedRounds: null,
      savedConsensus: null,
      ...(typeof issue === 'string' ? { issueKey: issue } : issue),
    }),
  );
  const votes = (spec.votes ?? []).map(
    ([accountId, value, round = room.round, issueKey = room.currentIssueKey ?? '']): VoteRow => ({
      roomId: ROOM_ID,
      issueKey,
      round,
      accountId,
      value,
    }),
  );
  return { room, members, issues, votes };
}

/** Everyone of the default room online, at NOW. */
export function context(online: string[] = ['alice', 'bob', 'carol']): TransitionContext {
  return { online: new Set(online), now: NOW };
}
