import { z } from 'zod';
import { DECK_KINDS } from './decks';
import { suggestRuleSchema, timerSecondsSchema } from './room-options';
import { accountIdSchema, deckSchema, roomIdSchema } from './schemas';

// Schemas of what the server sends. They are strict so that a test parsing a snapshot also
// catches a field that should not be there (a display name, a vote before reveal).

/** Roles a member can hold in a room. */
export const MEMBER_ROLES = ['owner', 'voter', 'observer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

const isoDateTimeSchema = z.iso.datetime({ offset: true });

export const voteSchema = z.strictObject({ accountId: accountIdSchema, value: z.string() });
export type Vote = z.infer<typeof voteSchema>;

/** A revealed card of a room that reveals anonymously: the card alone, never who played it. */
export const anonymousVoteSchema = z.strictObject({ value: z.string() });
/** A revealed card as the snapshot carries it: with its voter, or anonymous. */
export const revealedVoteSchema = z.union([voteSchema, anonymousVoteSchema]);
export type RevealedVote = z.infer<typeof revealedVoteSchema>;

/** The voter of a revealed card, or null when the room revealed it anonymously. */
export function voterOf(vote: RevealedVote): string | null {
  return 'accountId' in vote ? vote.accountId : null;
}

export const voteStatsSchema = z.strictObject({
  average: z.number().nullable(),
  median: z.number().nullable(),
  mode: z.string().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  consensus: z.boolean(),
  distribution: z.array(z.strictObject({ card: z.string(), count: z.int().min(1) })),
  outliers: z.strictObject({ lowest: z.array(accountIdSchema), highest: z.array(accountIdSchema) }),
  suggested: z.string().nullable(),
  voteCount: z.int().min(0),
});
export type VoteStats = z.infer<typeof voteStatsSchema>;

export const roomIssueSchema = z.strictObject({
  issueKey: z.string(),
  // The issue's own estimate field (picked from a board); null: the room's rule decides.
  fieldId: z.string().nullable(),
  savedValue: z.number().nullable(),
  savedAt: isoDateTimeSchema.nullable(),
  // Recorded with the save: rounds taken (final one included) and whether it ended in consensus.
  savedRounds: z.int().min(1).nullable(),
  savedConsensus: z.boolean().nullable(),
});
export type RoomIssue = z.infer<typeof roomIssueSchema>;

export const roomMemberSchema = z.strictObject({
  accountId: accountIdSchema,
  role: z.enum(MEMBER_ROLES),
  online: z.boolean(),
  hasVoted: z.boolean(),
});
export type RoomMember = z.infer<typeof roomMemberSchema>;

export const revealedRoundSchema = z.strictObject({
  issueKey: z.string(),
  round: z.int().min(0),
  votes: z.array(revealedVoteSchema),
  stats: voteStatsSchema,
});
export type RevealedRound = z.infer<typeof revealedRoundSchema>;

export const roomSnapshotSchema = z
  .strictObject({
    id: roomIdSchema,
    name: z.string(),
    version: z.int().min(1),
    ownerAccountId: accountIdSchema,
    deck: deckSchema,
    fieldId: z.string().nullable(),
    autoReveal: z.boolean(),
    autoAdvance: z.boolean(),
    issues: z.array(roomIssueSchema),
    currentIssueKey: z.string().nullable(),
    round: z.int().min(0),
    revealed: z.boolean(),
    timerEndsAt: isoDateTimeSchema.nullable(),
    members: z.array(roomMemberSchema),
    // Vote values and statistics stay hidden (null) until the owner reveals the round.
    votes: z.array(revealedVoteSchema).nullable(),
    // The receiving socket's own card; present only in the copy sent to that member.
    myVote: z.string().nullable().optional(),
    stats: voteStatsSchema.nullable(),
    // Earlier revealed rounds of the current issue, newest first.
    history: z.array(revealedRoundSchema),
    // Facilitation (issue 15). Optional for clients of older servers; this server always sends
    // them. Whether the owner votes (false: observes, ignored by auto-reveal and the count).
    ownerVotes: z.boolean().optional(),
    // Members the owner granted the facilitator actions (co-facilitators).
    facilitatorAccountIds: z.array(accountIdSchema).optional(),
    // Queue issues skipped (moved past without an estimate) and not taken up again since.
    skippedIssueKeys: z.array(z.string()).optional(),
    // From when a member may take the room over (the owner offline long enough); null while
    // the owner is online.
    takeoverAt: isoDateTimeSchema.nullable().optional(),
    // Room options (issue 15, room-options.ts). Anonymous reveal: revealed cards, history and
    // outliers carry no account IDs, and cards come sorted by value.
    anonymousReveal: z.boolean().optional(),
    // How `stats.suggested` is chosen.
    suggestRule: suggestRuleSchema.optional(),
    // The countdown `timer:start` without seconds runs.
    timerSeconds: timerSecondsSchema.optional(),
    // Async voting (ARCHITECTURE.md "Async voting"). Whether members may vote ahead on every
    // queued issue; this server always sends it.
    asyncVoting: z.boolean().optional(),
    // Per queued issue, who holds an async card on it (account IDs; cards stay hidden). Sent
    // only while some issue has one.
    asyncVoted: z.record(z.string(), z.array(accountIdSchema)).optional(),
    // The receiving socket's own async cards by issue key; only in that member's copy, and
    // only while they hold one.
    myAsyncVotes: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((room, ctx) => {
    if (!room.revealed && room.votes !== null) {
      ctx.addIssue({ code: 'custom', path: ['votes'], message: 'must be null before reveal' });
    }
    if (!room.revealed && room.stats !== null) {
      ctx.addIssue({ code: 'custom', path: ['stats'], message: 'must be null before reveal' });
    }
    if (room.revealed && (room.votes === null || room.stats === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['votes'],
        message: 'votes and stats must be set after reveal',
      });
    }
  });
export type RoomSnapshot = z.infer<typeof roomSnapshotSchema>;

/**
 * The last revealed result of an issue in a room (`room:list` with `issueKey`): statistics only,
 * never a card, and only for members (a round that was not revealed never shows here).
 */
export const roomListResultSchema = z.strictObject({
  round: z.int().min(0),
  voteCount: z.int().min(0),
  average: z.number().nullable(),
  median: z.number().nullable(),
  consensus: z.boolean(),
  suggested: z.string().nullable(),
});
export type RoomListResult = z.infer<typeof roomListResultSchema>;

/** What a room knows of the issue a `room:list { issueKey }` asked for. */
export const roomListIssueSchema = z.strictObject({
  issueKey: z.string(),
  // The estimate saved into Jira from this room, and the record kept with it.
  savedValue: z.number().nullable(),
  savedAt: isoDateTimeSchema.nullable(),
  savedRounds: z.int().min(1).nullable(),
  savedConsensus: z.boolean().nullable(),
  // The issue is the one in play right now.
  current: z.boolean(),
  // The room's deck kind (optional for older servers): a time deck's values are hours, shown
  // in Jira's duration text ("1d 4h").
  deckKind: z.enum(DECK_KINDS).optional(),
  // Members only (null for anyone else): the newest revealed round of the issue in play.
  lastResult: roomListResultSchema.nullable(),
});
export type RoomListIssue = z.infer<typeof roomListIssueSchema>;

export const roomSummarySchema = z.strictObject({
  id: roomIdSchema,
  name: z.string(),
  ownerAccountId: accountIdSchema,
  issueCount: z.int().min(0),
  updatedAt: isoDateTimeSchema,
  // Added in issue 15 (optional for older servers): the room's version, who is a member (IDs
  // only: "my rooms" and Open/Join), how many are members and how many of them are online.
  version: z.int().min(1).optional(),
  memberAccountIds: z.array(accountIdSchema).optional(),
  memberCount: z.int().min(0).optional(),
  onlineCount: z.int().min(0).optional(),
  // Only in answers to `room:list { issueKey }`.
  issue: roomListIssueSchema.optional(),
});
export type RoomSummary = z.infer<typeof roomSummarySchema>;

/** Ack data of events that answer with the room: `{ room }`. */
export const roomAckDataSchema = z.strictObject({
  room: roomSnapshotSchema,
  // Things that went wrong without undoing the action (estimate:save: the record in Jira).
  warnings: z.array(z.string()).optional(),
});
export type RoomAckData = z.infer<typeof roomAckDataSchema>;

/** Ack data of room:list: `{ rooms }`. */
export const roomListAckDataSchema = z.strictObject({ rooms: z.array(roomSummarySchema) });
export type RoomListAckData = z.infer<typeof roomListAckDataSchema>;

/** Ack data of events that answer with nothing: `{}`. */
export const emptyAckDataSchema = z.strictObject({});
export type EmptyAckData = z.infer<typeof emptyAckDataSchema>;

/** Ack data of member:nudge: how many members were nudged. */
export const nudgeAckDataSchema = z.strictObject({ nudged: z.int().min(0) });
export type NudgeAckData = z.infer<typeof nudgeAckDataSchema>;

/** Ack data of issue:acceptAgreed: the issues accepted (or, with `preview`, to be accepted). */
export const acceptAgreedAckDataSchema = z.strictObject({
  accepted: z.array(z.strictObject({ issueKey: z.string(), card: z.string(), value: z.number() })),
  failed: z.array(z.strictObject({ issueKey: z.string(), reason: z.string() })),
  warnings: z.array(z.string()).optional(),
  room: roomSnapshotSchema.optional(),
});
export type AcceptAgreedAckData = z.infer<typeof acceptAgreedAckDataSchema>;

/** Payload of the server's member:nudged event, sent to the nudged members' sockets only. */
export const memberNudgedSchema = z.strictObject({
  roomId: roomIdSchema,
  byAccountId: accountIdSchema,
});
export type MemberNudgedPayload = z.infer<typeof memberNudgedSchema>;

/** Payload of the server's member:kicked event, sent to the removed member's sockets. */
export const memberKickedSchema = z.strictObject({ roomId: roomIdSchema, blocked: z.boolean() });
export type MemberKickedPayload = z.infer<typeof memberKickedSchema>;

/** Payload of the server's room:removed event. */
export const roomRemovedSchema = z.strictObject({ roomId: roomIdSchema });
export type RoomRemovedPayload = z.infer<typeof roomRemovedSchema>;

/**
 * Payload of the server's room:listChanged event: rooms created or changed in what the list
 * shows (newest summary each, `version` set: keep the higher one) and rooms removed.
 */
export const roomListChangedSchema = z.strictObject({
  rooms: z.array(roomSummarySchema),
  removedRoomIds: z.array(roomIdSchema),
});
export type RoomListChangedPayload = z.infer<typeof roomListChangedSchema>;
