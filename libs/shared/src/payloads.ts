import { z } from 'zod';
import { ClientEvent, type ClientEventName } from './events';
import {
  accountIdSchema,
  deckSchema,
  fieldIdSchema,
  issueKeySchema,
  jqlSchema,
  MAX_ESTIMATE,
  roomIdSchema,
  roomNameSchema,
} from './schemas';
import { suggestRuleSchema, timerSecondsSchema } from './room-options';

// Duplicates (also those that differ only in case) are dropped, keeping the first position.
const issueKeysSchema = (min: number) =>
  z
    .array(issueKeySchema)
    .min(min)
    .max(100)
    .transform((keys) => [...new Set(keys)]);

const roomRefSchema = z.strictObject({ roomId: roomIdSchema });

/**
 * The estimate field of issues picked from a board: the board's estimation field, read live in
 * the browser. Each must be one of the payload's keys; only IDs reach the server, never names.
 */
const issueFieldsSchema = z
  .array(z.strictObject({ issueKey: issueKeySchema, fieldId: fieldIdSchema }))
  .max(100);

const refineIssueFields = (
  payload: { issueKeys: string[]; issueFields?: { issueKey: string }[] },
  ctx: z.RefinementCtx,
) => {
  payload.issueFields?.forEach((entry, index) => {
    if (!payload.issueKeys.includes(entry.issueKey)) {
      ctx.addIssue({
        code: 'custom',
        path: ['issueFields', index, 'issueKey'],
        message: 'must be one of issueKeys',
      });
    }
  });
};

export const JOIN_ROLES = ['voter', 'observer'] as const;
export type JoinRole = (typeof JOIN_ROLES)[number];

export const roomCreateSchema = z
  .strictObject({
    name: roomNameSchema,
    deck: deckSchema,
    issueKeys: issueKeysSchema(0).default([]),
    jql: jqlSchema.optional(),
    fieldId: fieldIdSchema.optional(),
    autoReveal: z.boolean().optional(),
    issueFields: issueFieldsSchema.optional(),
    // Room options (room-options.ts); absent: off, 'mode', the server's default timer.
    anonymousReveal: z.boolean().optional(),
    suggestRule: suggestRuleSchema.optional(),
    timerSeconds: timerSecondsSchema.optional(),
  })
  .superRefine(refineIssueFields);

/** `issueKey`: only the rooms whose queue holds that issue, each with what it knows of it. */
export const roomListSchema = z.strictObject({ issueKey: issueKeySchema.optional() });

export const roomJoinSchema = z.strictObject({
  roomId: roomIdSchema,
  role: z.enum(JOIN_ROLES).optional(),
});

export const roomLeaveSchema = roomRefSchema;

export const roomUpdateSchema = z.strictObject({
  roomId: roomIdSchema,
  name: roomNameSchema.optional(),
  deck: deckSchema.optional(),
  // null goes back to the tenant's default estimate field.
  fieldId: fieldIdSchema.nullable().optional(),
  autoReveal: z.boolean().optional(),
  autoAdvance: z.boolean().optional(),
  // Whether the owner votes (false: the owner facilitates and is ignored by auto-reveal).
  ownerVotes: z.boolean().optional(),
  // Room options (room-options.ts).
  anonymousReveal: z.boolean().optional(),
  suggestRule: suggestRuleSchema.optional(),
  timerSeconds: timerSecondsSchema.optional(),
  // Whether members may vote ahead on every queued issue (ARCHITECTURE.md "Async voting").
  asyncVoting: z.boolean().optional(),
});

export const issueAddSchema = z
  .strictObject({
    roomId: roomIdSchema,
    issueKeys: issueKeysSchema(0).default([]),
    jql: jqlSchema.optional(),
    issueFields: issueFieldsSchema.optional(),
  })
  .superRefine(refineIssueFields)
  .refine((payload) => payload.issueKeys.length > 0 || payload.jql !== undefined, {
    path: ['issueKeys'],
    message: 'give at least one issue key or a JQL query',
  });

export const issueRemoveSchema = z.strictObject({
  roomId: roomIdSchema,
  issueKeys: issueKeysSchema(1),
});

export const issueSelectSchema = z.strictObject({ roomId: roomIdSchema, issueKey: issueKeySchema });

export const voteCastSchema = z.strictObject({
  roomId: roomIdSchema,
  // null withdraws the vote; whether the card is in the room's deck is checked by the server.
  value: z.string().trim().min(1).max(8).nullable(),
  // Async voting: another queued issue than the one in play (absent or the current issue: the
  // round in play, as before).
  issueKey: issueKeySchema.optional(),
});

export const voteRevealSchema = roomRefSchema;
export const voteResetSchema = roomRefSchema;

export const timerStartSchema = z.strictObject({
  roomId: roomIdSchema,
  // Absent: the room's timer length.
  seconds: timerSecondsSchema.optional(),
});

export const timerStopSchema = roomRefSchema;

export const estimateSaveSchema = z.strictObject({
  roomId: roomIdSchema,
  issueKey: issueKeySchema,
  value: z.number().min(0).max(MAX_ESTIMATE),
});

export const roomTransferSchema = z.strictObject({
  roomId: roomIdSchema,
  accountId: accountIdSchema,
});

export const roomRemoveSchema = roomRefSchema;

/** Removes a member from the room; `block` also keeps them out until the room is removed. */
export const memberKickSchema = z.strictObject({
  roomId: roomIdSchema,
  accountId: accountIdSchema,
  block: z.boolean().optional(),
});

/** Nudges the online voters who have no card in the round in play. */
export const memberNudgeSchema = roomRefSchema;

/** The owner grants or revokes a member's facilitator actions. */
export const facilitatorGrantSchema = z.strictObject({
  roomId: roomIdSchema,
  accountId: accountIdSchema,
});
export const facilitatorRevokeSchema = facilitatorGrantSchema;

/** Skips the issue in play (named, so that a double click skips one issue, not two). */
export const issueSkipSchema = z.strictObject({ roomId: roomIdSchema, issueKey: issueKeySchema });

/**
 * Accepts every queued issue whose async cards agree (ARCHITECTURE.md "Async voting");
 * `preview`: only lists them, nothing changes.
 */
export const issueAcceptAgreedSchema = z.strictObject({
  roomId: roomIdSchema,
  preview: z.boolean().optional(),
});

/** The payload schema of every client event, keyed by event name. */
export const clientEventSchemas = {
  [ClientEvent.roomCreate]: roomCreateSchema,
  [ClientEvent.roomList]: roomListSchema,
  [ClientEvent.roomJoin]: roomJoinSchema,
  [ClientEvent.roomLeave]: roomLeaveSchema,
  [ClientEvent.roomUpdate]: roomUpdateSchema,
  [ClientEvent.issueAdd]: issueAddSchema,
  [ClientEvent.issueRemove]: issueRemoveSchema,
  [ClientEvent.issueSelect]: issueSelectSchema,
  [ClientEvent.voteCast]: voteCastSchema,
  [ClientEvent.voteReveal]: voteRevealSchema,
  [ClientEvent.voteReset]: voteResetSchema,
  [ClientEvent.timerStart]: timerStartSchema,
  [ClientEvent.timerStop]: timerStopSchema,
  [ClientEvent.estimateSave]: estimateSaveSchema,
  [ClientEvent.roomTransfer]: roomTransferSchema,
  [ClientEvent.roomRemove]: roomRemoveSchema,
  [ClientEvent.memberKick]: memberKickSchema,
  [ClientEvent.memberNudge]: memberNudgeSchema,
  [ClientEvent.facilitatorGrant]: facilitatorGrantSchema,
  [ClientEvent.facilitatorRevoke]: facilitatorRevokeSchema,
  [ClientEvent.issueSkip]: issueSkipSchema,
  [ClientEvent.issueAcceptAgreed]: issueAcceptAgreedSchema,
} as const satisfies Record<ClientEventName, z.ZodType>;

/** Payloads after validation (defaults applied, keys normalised), as the server sees them. */
export type ClientPayloads = {
  [E in ClientEventName]: z.output<(typeof clientEventSchemas)[E]>;
};

/** Payloads as a client may send them (defaulted fields optional). */
export type ClientPayloadInputs = {
  [E in ClientEventName]: z.input<(typeof clientEventSchemas)[E]>;
};

export type RoomCreatePayload = ClientPayloads['room:create'];
export type RoomListPayload = ClientPayloads['room:list'];
export type RoomJoinPayload = ClientPayloads['room:join'];
export type RoomLeavePayload = ClientPayloads['room:leave'];
export type RoomUpdatePayload = ClientPayloads['room:update'];
export type IssueAddPayload = ClientPayloads['issue:add'];
export type IssueRemovePayload = ClientPayloads['issue:remove'];
export type IssueSelectPayload = ClientPayloads['issue:select'];
export type VoteCastPayload = ClientPayloads['vote:cast'];
export type VoteRevealPayload = ClientPayloads['vote:reveal'];
export type VoteResetPayload = ClientPayloads['vote:reset'];
export type TimerStartPayload = ClientPayloads['timer:start'];
export type TimerStopPayload = ClientPayloads['timer:stop'];
export type EstimateSavePayload = ClientPayloads['estimate:save'];
export type RoomTransferPayload = ClientPayloads['room:transfer'];
export type RoomRemovePayload = ClientPayloads['room:remove'];
export type MemberKickPayload = ClientPayloads['member:kick'];
export type MemberNudgePayload = ClientPayloads['member:nudge'];
export type FacilitatorGrantPayload = ClientPayloads['facilitator:grant'];
export type FacilitatorRevokePayload = ClientPayloads['facilitator:revoke'];
export type IssueSkipPayload = ClientPayloads['issue:skip'];
export type IssueAcceptAgreedPayload = ClientPayloads['issue:acceptAgreed'];
