import type { RoomSnapshot } from '@poker/shared';
import { useState } from 'react';
import { Button } from '../../components/button';
import { Modal } from '../../components/modal';
import { PersonName } from '../../components/person';
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
  const [busy, setBusy] = useState(false);
  const kick = async () => {
    setBusy(true);
    await send('member:kick', { roomId: room.id, accountId, block });
    setBusy(false);
    onClose();
  };
  return (
    <Modal
      title="Remove from the room?"
      appearance="danger"
      onClose={onClose}
      action={
        <Button appearance="danger" loading={busy} onClick={() => void kick()}>
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
    </Modal>
  );
}
