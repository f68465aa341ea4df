import type { RoomSnapshot } from '@poker/shared';
import { useState } from 'react';
import { Button } from '../../components/button';
import type { SendRoomEvent } from './room-actions';

/**
 * Skip (move on without an estimate, marked in the queue) and, while cards are hidden, nudge
 * the online voters who have not voted yet; the result is said beside the button.
 */
export function FacilitatorActions({
  room,
  issueKey,
  send,
}: {
  room: RoomSnapshot;
  issueKey: string;
  send: SendRoomEvent;
}) {
  const [busy, setBusy] = useState<'skip' | 'nudge' | null>(null);
  const [nudged, setNudged] = useState<string | null>(null);
  const skip = async () => {
    setBusy('skip');
    await send('issue:skip', { roomId: room.id, issueKey });
    setBusy(null);
  };
  const nudge = async () => {
    setBusy('nudge');
    const done = await send('member:nudge', { roomId: room.id });
    setBusy(null);
    if (!done) return;
    setNudged(
      done.nudged === 0
        ? 'Everyone online has voted.'
        : `Nudged ${done.nudged} ${done.nudged === 1 ? 'person' : 'people'}.`,
    );
    setTimeout(() => setNudged(null), 5000);
  };
  return (
    <>
      {!room.revealed && (
        <Button
          appearance="subtle"
          loading={busy === 'nudge'}
          onClick={() => void nudge()}
          data-testid="nudge"
        >
          Nudge
        </Button>
      )}
      <Button
        appearance="subtle"
        loading={busy === 'skip'}
        onClick={() => void skip()}
        data-testid="skip"
        title={`Move on without estimating ${issueKey}`}
      >
        Skip
      </Button>
      {nudged && (
        <span className="subtle" role="status" data-testid="nudge-result">
          {nudged}
        </span>
      )}
    </>
  );
}
