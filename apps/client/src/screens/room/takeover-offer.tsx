import type { RoomSnapshot } from '@poker/shared';
import { useEffect, useState } from 'react';
import { ActionError } from '../../components/action-error';
import { Button } from '../../components/button';
import { PersonName } from '../../components/person';
import { usePendingAction } from '../../feedback/use-pending-action';
import type { SendRoomEvent } from './room-actions';

/** True from `at` on; re-renders when that moment comes. */
function useReached(at: string | null | undefined): boolean {
  const [now, setNow] = useState(() => Date.now());
  const time = at ? new Date(at).getTime() : null;
  useEffect(() => {
    if (time === null || time <= Date.now()) return;
    const timer = setTimeout(() => setNow(Date.now()), time - Date.now() + 50);
    return () => clearTimeout(timer);
  }, [time]);
  return time !== null && time <= Math.max(now, Date.now());
}

/**
 * Offered to members once the owner has been offline for OWNER_TAKEOVER_SECONDS (the snapshot's
 * `takeoverAt`), so that a room whose owner dropped out does not get stuck.
 */
export function TakeoverOffer({
  room,
  myAccountId,
  send,
}: {
  room: RoomSnapshot;
  myAccountId: string;
  send: SendRoomEvent;
}) {
  const reached = useReached(room.takeoverAt);
  const takeover = usePendingAction();
  const member = room.members.some((m) => m.accountId === myAccountId);
  if (!reached || !member || room.ownerAccountId === myAccountId) return null;
  const takeOver = () =>
    takeover.run(
      'takeover',
      (options) => send('room:transfer', { roomId: room.id, accountId: myAccountId }, options),
      {
        success: () => ({ title: 'You run this room now', type: 'success' }),
        failure: 'Could not take over the room',
      },
    );
  return (
    <div className="section-message takeover" data-testid="takeover">
      <span>
        <PersonName accountId={room.ownerAccountId} /> (the owner) has been offline for a while.
      </span>
      <Button appearance="primary" compact loading={takeover.busy} onClick={() => void takeOver()}>
        Take over the room
      </Button>
      <ActionError error={takeover.error} onDismiss={takeover.clear} />
    </div>
  );
}
