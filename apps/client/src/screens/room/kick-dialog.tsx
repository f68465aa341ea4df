import type { RoomSnapshot } from '@poker/shared';
import { useState } from 'react';
import { ActionError } from '../../components/action-error';
import { Button } from '../../components/button';
import { Modal } from '../../components/modal';
import { PersonName, useDisplayName } from '../../components/person';
import { usePendingAction } from '../../feedback/use-pending-action';
import type { SendRoomEvent } from './room-actions';

/** Asks before removing a member, and whether to keep them out until the room is removed. */
export function KickDialog({
  room,
  accountId,
  send,
  onClose,
}: {
  room: RoomSnapshot;
  accountId: string;
  send: SendRoomEvent;
  onClose: () => void;
}) {
  const [block, setBlock] = useState(false);
  const kicking = usePendingAction();
  const name = useDisplayName(accountId);
  // A failure keeps the dialog open with the reason under its text; success closes it.
  const kick = async () => {
    const done = await kicking.run(
      'kick',
      (options) => send('member:kick', { roomId: room.id, accountId, block }, options),
      {
        success: () => ({
          title: block ? `Removed and blocked ${name}` : `Removed ${name} from the room`,
          type: 'success',
        }),
        failure: `Could not remove ${name}`,
      },
    );
    if (done) onClose();
  };
  return (
    <Modal
      title="Remove from the room?"
      appearance="danger"
      onClose={onClose}
      action={
        <Button appearance="danger" loading={kicking.busy} onClick={() => void kick()}>
          {block ? 'Remove and block' : 'Remove'}
        </Button>
      }
    >
      <p>
        <PersonName accountId={accountId} /> leaves the room, and their card in this round is taken
        back. They can join again unless you block them.
      </p>
      <label className="kick-dialog__block">
        <input
          type="checkbox"
          checked={block}
          onChange={(event) => setBlock(event.target.checked)}
          data-testid="kick-block"
        />
        Block until the room is removed
      </label>
      <ActionError error={kicking.error} onDismiss={kicking.clear} />
    </Modal>
  );
}
