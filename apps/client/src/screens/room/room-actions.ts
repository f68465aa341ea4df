import type {
  ClientAckData,
  ClientEventName,
  ClientPayloadInputs,
  RoomSnapshot,
} from '@poker/shared';
import { useCallback } from 'react';
import { useAction, type ActionOptions } from '../../socket/use-action';

export type SendRoomEvent = <E extends ClientEventName>(
  event: E,
  payload: ClientPayloadInputs[E],
  options?: ActionOptions,
) => Promise<ClientAckData[E] | null>;

/** Props of a room-screen panel everyone sees and only the owner acts in (queue, round). */
export interface RoomPanelProps {
  room: RoomSnapshot;
  /** Whether this person runs the room: the owner or a co-facilitator (issue 15). */
  isOwner: boolean;
  send: SendRoomEvent;
}

/** Sends an event and takes the room snapshot its ack carries, so the sender sees it at once. */
export function useRoomSender(apply: (room: RoomSnapshot) => void): SendRoomEvent {
  const act = useAction();
  return useCallback(
    async (event, payload, options) => {
      const data = await act(event, payload, options);
      if (data && 'room' in data && data.room) apply(data.room);
      return data;
    },
    [act, apply],
  );
}
