import type { RoomSnapshot } from '@poker/shared';
import { useEffect, useState } from 'react';
import { ActionError } from '../../components/action-error';
import { Button } from '../../components/button';
import { usePendingAction } from '../../feedback/use-pending-action';
import type { SendRoomEvent } from './room-actions';

const nudgeResult = (nudged: number) =>
  nudged === 0
    ? 'Everyone online has voted.'
    : `Nudged ${nudged} ${nudged === 1 ? 'person' : 'people'}.`;

/**
 * Skip (move on without an estimate, marked in the queue) and, while cards are hidden, nudge
 * the online voters who have not voted yet. The nudge's result is said beside the buttons, and
 * so is a failure of either, never in the page's banner (which would push the page down).
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
  const action = usePendingAction<'skip' | 'nudge'>();
  const [nudged, setNudged] = useState<string | null>(null);
  useEffect(() => {
    if (!nudged) return;
    const timer = window.setTimeout(() => setNudged(null), 5000);
    return () => window.clearTimeout(timer);
  }, [nudged]);
  const skip = () =>
    action.run('skip', (options) => send('issue:skip', { roomId: room.id, issueKey }, options));
  const nudge = async () => {
    setNudged(null);
    const done = await action.run('nudge', (options) =>
      send('member:nudge', { roomId: room.id }, options),
    );
    if (done) setNudged(nudgeResult(done.nudged));
  };
  return (
    <>
      {!room.revealed && (
        <Button
          appearance="subtle"
          loading={action.pending === 'nudge'}
          onClick={() => void nudge()}
          data-testid="nudge"
        >
          Nudge
        </Button>
      )}
      <Button
        appearance="subtle"
        loading={action.pending === 'skip'}
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
      <ActionError error={action.error} onDismiss={action.clear} />
    </>
  );
}
