import type { RoomSnapshot } from '@poker/shared';
import { useState } from 'react';
import { ActionError } from '../../components/action-error';
import { Button } from '../../components/button';
import { Modal } from '../../components/modal';
import { Person, useDisplayName } from '../../components/person';
import { usePendingAction } from '../../feedback/use-pending-action';
import type { SendRoomEvent } from './room-actions';

/** Asks before deleting: removal is immediate and cannot be undone. */
export function RemoveRoomDialog({
  room,
  send,
  onClose,
}: {
  room: RoomSnapshot;
  send: SendRoomEvent;
  onClose: () => void;
}) {
  const removing = usePendingAction();
  // Success: the room is gone and the screen leaves it; a failure stays in the dialog.
  const remove = () =>
    removing.run('remove', (options) => send('room:remove', { roomId: room.id }, options), {
      success: () => ({ title: `Removed “${room.name}”`, type: 'success' }),
      failure: `Could not remove “${room.name}”`,
    });
  return (
    <Modal
      title={`Remove “${room.name}”?`}
      appearance="danger"
      onClose={onClose}
      action={
        <Button appearance="danger" loading={removing.busy} onClick={() => void remove()}>
          Remove room
        </Button>
      }
    >
      <p>
        The room, its queue and every vote are deleted at once, for everyone in it. Estimates
        already saved stay in Jira.
      </p>
      <ActionError error={removing.error} onDismiss={removing.clear} />
    </Modal>
  );
}

/** Hands the room to another member, who then reveals and saves. */
export function TransferRoomDialog({
  room,
  myAccountId,
  send,
  onClose,
}: {
  room: RoomSnapshot;
  myAccountId: string;
  send: SendRoomEvent;
  onClose: () => void;
}) {
  const others = room.members.filter((member) => member.accountId !== myAccountId);
  const [target, setTarget] = useState<string | null>(others[0]?.accountId ?? null);
  const transferring = usePendingAction();
  const targetName = useDisplayName(target ?? '');
  // A failure keeps the dialog open with the reason in it; success closes it.
  const transfer = async () => {
    if (!target) return;
    const done = await transferring.run(
      'transfer',
      (options) => send('room:transfer', { roomId: room.id, accountId: target }, options),
      {
        success: () => ({ title: `${targetName} runs the room now`, type: 'success' }),
        failure: `Could not hand the room to ${targetName}`,
      },
    );
    if (done) onClose();
  };
  return (
    <Modal
      title="Hand over the room"
      onClose={onClose}
      action={
        <Button
          appearance="primary"
          loading={transferring.busy}
          disabled={!target}
          onClick={() => void transfer()}
        >
          Hand over
        </Button>
      }
    >
      {others.length === 0 ? (
        <p>Nobody else has joined this room yet.</p>
      ) : (
        <fieldset className="choice-list">
          <legend className="visually-hidden">New owner</legend>
          {others.map((member) => (
            <label key={member.accountId} className="choice-list__item">
              <input
                type="radio"
                name="new-owner"
                checked={target === member.accountId}
                onChange={() => setTarget(member.accountId)}
              />
              <Person
                accountId={member.accountId}
                presence={member.online ? 'online' : 'offline'}
              />
            </label>
          ))}
        </fieldset>
      )}
      <ActionError error={transferring.error} onDismiss={transferring.clear} />
    </Modal>
  );
}
