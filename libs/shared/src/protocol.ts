import { z } from 'zod';
import { ackSchemaOf, type Ack } from './errors';
import { ClientEvent, ServerEvent, SessionEvent, type ClientEventName } from './events';
import type { ClientPayloadInputs } from './payloads';
import type { RoomPatch } from './patch';
import type { SessionRenewPayload } from './schemas';
import {
  acceptAgreedAckDataSchema,
  emptyAckDataSchema,
  nudgeAckDataSchema,
  roomAckDataSchema,
  roomListAckDataSchema,
  type MemberKickedPayload,
  type MemberNudgedPayload,
  type RoomListChangedPayload,
  type RoomRemovedPayload,
  type RoomSnapshot,
} from './snapshot';

/** The schema of each client event's successful ack data, keyed by event name. */
export const clientAckDataSchemas = {
  [ClientEvent.roomCreate]: roomAckDataSchema,
  [ClientEvent.roomList]: roomListAckDataSchema,
  [ClientEvent.roomJoin]: roomAckDataSchema,
  [ClientEvent.roomLeave]: emptyAckDataSchema,
  [ClientEvent.roomUpdate]: roomAckDataSchema,
  [ClientEvent.issueAdd]: roomAckDataSchema,
  [ClientEvent.issueRemove]: roomAckDataSchema,
  [ClientEvent.issueSelect]: roomAckDataSchema,
  [ClientEvent.voteCast]: roomAckDataSchema,
  [ClientEvent.voteReveal]: roomAckDataSchema,
  [ClientEvent.voteReset]: roomAckDataSchema,
  [ClientEvent.timerStart]: roomAckDataSchema,
  [ClientEvent.timerStop]: roomAckDataSchema,
  [ClientEvent.estimateSave]: roomAckDataSchema,
  [ClientEvent.roomTransfer]: roomAckDataSchema,
  [ClientEvent.roomRemove]: emptyAckDataSchema,
  [ClientEvent.memberKick]: roomAckDataSchema,
  [ClientEvent.memberNudge]: nudgeAckDataSchema,
  [ClientEvent.facilitatorGrant]: roomAckDataSchema,
  [ClientEvent.facilitatorRevoke]: roomAckDataSchema,
  [ClientEvent.issueSkip]: roomAckDataSchema,
  [ClientEvent.issueAcceptAgreed]: acceptAgreedAckDataSchema,
} as const satisfies Record<ClientEventName, z.ZodType>;

/** Successful ack data per client event. */
export type ClientAckData = {
  [E in ClientEventName]: z.output<(typeof clientAckDataSchemas)[E]>;
};

/** Builds the schema of a full ack (success or failure) for one client event. */
export function clientAckSchema<E extends ClientEventName>(event: E) {
  return ackSchemaOf(clientAckDataSchemas[event]);
}

/** Ack data of `session:renew`: when the new token expires (ISO date-time, like every time here). */
export const sessionRenewAckDataSchema = z.strictObject({
  expiresAt: z.iso.datetime({ offset: true }),
});
export type SessionRenewAckData = z.output<typeof sessionRenewAckDataSchema>;

/** Client→server events typed for `Socket<ServerToClientEvents, ClientToServerEvents>`. */
export type ClientToServerEvents = {
  [E in ClientEventName]: (
    payload: ClientPayloadInputs[E],
    ack: (response: Ack<ClientAckData[E]>) => void,
  ) => void;
} & {
  [SessionEvent.renew]: (
    payload: SessionRenewPayload,
    ack: (response: Ack<SessionRenewAckData>) => void,
  ) => void;
};

/** Server→client events: `room:state` carries the snapshot itself, not wrapped in `{ room }`. */
export interface ServerToClientEvents {
  [ServerEvent.roomState]: (room: RoomSnapshot) => void;
  [ServerEvent.roomPatch]: (patch: RoomPatch) => void;
  [ServerEvent.roomRemoved]: (payload: RoomRemovedPayload) => void;
  [ServerEvent.roomListChanged]: (payload: RoomListChangedPayload) => void;
  [ServerEvent.memberNudged]: (payload: MemberNudgedPayload) => void;
  [ServerEvent.memberKicked]: (payload: MemberKickedPayload) => void;
}
