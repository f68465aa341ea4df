import type {
  ClientAckData,
  ClientEventName,
  ClientPayloadInputs,
  RoomSnapshot,
} from '@poker/shared';
import { useCallback } from 'react';
import { useAction } from '../../socket/use-action';

export type SendRoomEvent = <E extends ClientEventName>(
  event: E,
  payload: ClientPayloadInputs[E],
) => Promise<ClientAckData[E] | null>;

/** Props of a room-screen panel everyone sees and only the owner acts in (queue, round). */
export interface RoomPanelProps {
  room: RoomSnapshot;
  isOwner: boolean;
  send: SendRoomEvent;
}

/** Sends an event and takes the room snapshot its ack carries, so the sender sees it at once. */
export function useRoomSender(apply: (room: RoomSnapshot) => void): SendRoomEvent {
  const act = useAction();
  return useCallback(
    async (event, payload) => {
      const data = await act(event, payload);
      if (data && 'room' in data) apply(data.room);
      return data;
    },
    [act, apply],
  );
}
