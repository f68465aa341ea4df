import type { AckError, RoomSnapshot } from '@poker/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useErrors } from '../../components/errors-context';
import { useConnectionLive, usePoker } from '../../socket/poker-context';
import { decidePendingVote, notCountedMessage, type PendingVote } from './pending-vote';
import type { SendRoomEvent } from './room-actions';

export interface OfflineVote {
  /** Picks a card (null takes it back): sent at once while live, else held as pending. */
  pick: (card: string | null) => void;
  /** The card the deck shows raised. */
  selected: string | null;
  /** Held while offline: picked, never counted yet (the deck marks it "pending"). */
  pending: PendingVote | null;
  /** My pick on its way to the server while live, for the table (undefined: none). */
  inFlight: string | null | undefined;
  /** Why a pending card was dropped after the reconnect, in plain words; null when none. */
  notCounted: string | null;
  dismissNotCounted: () => void;
}

/**
 * My vote across a lost connection. While the socket is down, or a sent vote's answer was lost
 * with it, the card is held here with the issue and round it was meant for, never emitted (an
 * emit would sit in socket.io's buffer and go out late, against whatever round is open then).
 * Once the room is re-joined and its fresh snapshot is in, it is sent only if that round is
 * still open and unrevealed; otherwise the person is told plainly that it was not counted.
 */
export function useOfflineVote(
  room: RoomSnapshot | null,
  seated: boolean,
  send: SendRoomEvent,
): OfflineVote {
  const { socket } = usePoker();
  const { report } = useErrors();
  const live = useConnectionLive();
  const [pending, setPending] = useState<PendingVote | null>(null);
  const [inFlight, setInFlight] = useState<string | null | undefined>(undefined);
  const [notCounted, setNotCounted] = useState<string | null>(null);
  const latest = useRef(0);
  const roomId = room?.id;

  const sendNow = useCallback(
    (vote: PendingVote) => {
      if (!roomId) return;
      const attempt = ++latest.current;
      setInFlight(vote.value);
      const onError = (error: AckError) => {
        // The connection went down under the send: the server may or may not have it. Hold it;
        // the fresh snapshot after the reconnect says which.
        if (!socket.connected) {
          if (attempt === latest.current) setPending(vote);
        } else report(error);
      };
      void send('vote:cast', { roomId, value: vote.value }, { onError }).then(() => {
        // A quicker second pick must not be undone by the first one's answer.
        if (attempt === latest.current) setInFlight(undefined);
      });
    },
    [report, roomId, send, socket],
  );

  const pick = useCallback(
    (card: string | null) => {
      if (!room?.currentIssueKey) return;
      const vote = { issueKey: room.currentIssueKey, round: room.round, value: card };
      setNotCounted(null);
      if (!live || !socket.connected) {
        latest.current += 1;
        setInFlight(undefined);
        setPending(vote);
        return;
      }
      setPending(null);
      sendNow(vote);
    },
    [live, room?.currentIssueKey, room?.round, sendNow, socket],
  );

  // Back and resynced: the room held now is the fresh one.
  useEffect(() => {
    if (!pending || !live) return;
    const outcome = decidePendingVote(pending, room, seated);
    setPending(null);
    if (outcome.kind === 'send') sendNow(pending);
    if (outcome.kind === 'not-counted') {
      setNotCounted(notCountedMessage(pending, outcome.reason, room?.currentIssueKey ?? null));
    }
  }, [live, pending, room, seated, sendNow]);

  // The notice is about one round; a later one makes it stale.
  const roundKey = `${room?.currentIssueKey ?? ''}:${room?.round ?? 0}`;
  const shownFor = useRef(roundKey);
  useEffect(() => {
    if (notCounted === null) shownFor.current = roundKey;
    else if (shownFor.current !== roundKey) setNotCounted(null);
  }, [notCounted, roundKey]);

  const held = pending ? pending.value : inFlight;
  return {
    pick,
    selected: held !== undefined ? held : (room?.myVote ?? null),
    pending,
    inFlight,
    notCounted,
    dismissNotCounted: () => setNotCounted(null),
  };
}
