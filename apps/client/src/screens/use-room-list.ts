import { roomListChangedSchema, ServerEvent, type RoomSummary } from '@poker/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useErrors } from '../components/errors-context';
import { usePoker } from '../socket/poker-context';
import { mergeLoaded, mergeRoomList } from './room-list-merge';

export interface RoomListState {
  /** Null until the first answer. */
  rooms: RoomSummary[] | null;
  /** Grows with every push: a view that asks the server more (a key search) asks again. */
  changes: number;
  reload: () => Promise<void>;
}

/**
 * The site's rooms, live: `room:list` once (which also subscribes this socket to the site's
 * `room:listChanged` pushes), then every push merged in by version. Read again after a
 * reconnect (pushes sent while away are lost) and when the window regains focus.
 */
export function useRoomList(): RoomListState {
  const { call, socket, tracker } = usePoker();
  const { report } = useErrors();
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);
  const [changes, setChanges] = useState(0);
  const removed = useRef(new Set<string>());

  const reload = useCallback(async () => {
    const ack = await call('room:list', {});
    if (ack.ok) setRooms((held) => mergeLoaded(held, ack.data.rooms, removed.current));
    else report(ack.error);
  }, [call, report]);

  useEffect(() => {
    const onChange = (payload: unknown) => {
      const parsed = roomListChangedSchema.safeParse(payload);
      if (!parsed.success) return;
      parsed.data.removedRoomIds.forEach((id) => removed.current.add(id));
      setRooms((held) => (held ? mergeRoomList(held, parsed.data) : held));
      setChanges((count) => count + 1);
    };
    socket.on(ServerEvent.roomListChanged, onChange);
    void reload();
    const stop = tracker.onResync(reload);
    const onFocus = () => void reload();
    window.addEventListener('focus', onFocus);
    return () => {
      socket.off(ServerEvent.roomListChanged, onChange);
      stop();
      window.removeEventListener('focus', onFocus);
    };
  }, [reload, socket, tracker]);

  return { rooms, changes, reload };
}
