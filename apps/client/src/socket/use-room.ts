import {
  applyRoomPatch,
  type JoinRole,
  type MemberKickedPayload,
  type RoomPatch,
  type RoomSnapshot,
} from '@poker/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useErrors } from '../components/errors-context';
import { usePoker } from './poker-context';

/** Why the room is not shown: removed, unknown, or a facilitator removed me (and blocked me). */
export type RoomGone = 'removed' | 'not-found' | 'kicked' | 'blocked';

export interface OpenRoom {
  room: RoomSnapshot | null;
  /** Set when the owner removed the room, or it no longer exists. */
  gone: RoomGone | null;
  /** Takes a snapshot from an ack; older than the one held is ignored. */
  apply: (snapshot: RoomSnapshot) => void;
  /** Joins again, e.g. to switch between voter and observer. */
  join: (role?: JoinRole) => Promise<boolean>;
}

/**
 * Joins a room and follows it: every `room:state` newer than the one held replaces it, every
 * `room:patch` is applied to it, and every reconnect re-joins (without a role, so the member
 * keeps theirs) to resync. A patch that does not follow on from the snapshot held (one was
 * missed) re-joins too: the ack carries the whole room.
 */
export function useRoom(roomId: string, initialRole: JoinRole | undefined): OpenRoom {
  const { socket, tracker, call } = usePoker();
  const { report } = useErrors();
  const [room, setRoom] = useState<RoomSnapshot | null>(null);
  const [gone, setGone] = useState<RoomGone | null>(null);
  const held = useRef<RoomSnapshot | null>(null);
  // Removed by a facilitator: reconnects must not join again behind the person's back.
  const out = useRef(false);

  const apply = useCallback(
    (snapshot: RoomSnapshot) => {
      if (snapshot.id !== roomId || snapshot.version < (held.current?.version ?? 0)) return;
      held.current = snapshot;
      setRoom(snapshot);
    },
    [roomId],
  );

  const join = useCallback(
    async (role?: JoinRole) => {
      const ack = await call('room:join', role ? { roomId, role } : { roomId });
      if (ack.ok) {
        apply(ack.data.room);
        return true;
      }
      if (ack.error.code === 'NOT_FOUND') setGone('not-found');
      // The only refusal of a join to someone of the site: a facilitator blocked them.
      else if (ack.error.code === 'FORBIDDEN') setGone('blocked');
      else report(ack.error);
      return false;
    },
    [apply, call, report, roomId],
  );

  const firstRole = useRef(initialRole);
  useEffect(() => {
    held.current = null;
    setRoom(null);
    setGone(null);
    out.current = false;
    const onRemoved = ({ roomId: removedId }: { roomId: string }) => {
      if (removedId === roomId) setGone('removed');
    };
    const onPatch = (patch: RoomPatch) => {
      const current = held.current;
      // Before the join's ack, or a patch older than what is held: the ack or snapshot covers it.
      if (!current || patch.roomId !== roomId || patch.version <= current.version) return;
      const next = applyRoomPatch(current, patch);
      if (next) apply(next);
      else void join();
    };
    socket.on('room:state', apply);
    socket.on('room:patch', onPatch);
    const onKicked = ({ roomId: fromId, blocked }: MemberKickedPayload) => {
      if (fromId !== roomId) return;
      out.current = true;
      setGone(blocked ? 'blocked' : 'kicked');
    };
    socket.on('room:removed', onRemoved);
    socket.on('member:kicked', onKicked);
    void join(firstRole.current);
    const stopResync = tracker.onResync(async () => {
      if (!out.current) await join();
    });
    return () => {
      socket.off('room:state', apply);
      socket.off('room:patch', onPatch);
      socket.off('room:removed', onRemoved);
      socket.off('member:kicked', onKicked);
      stopResync();
    };
  }, [apply, join, roomId, socket, tracker]);

  return { room, gone, apply, join };
}
