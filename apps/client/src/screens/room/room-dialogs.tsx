import type { RoomSnapshot } from '@poker/shared';
import { useState } from 'react';
import { Button } from '../../components/button';
import { Modal } from '../../components/modal';
import { Person } from '../../components/person';
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
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    const done = await send('room:remove', { roomId: room.id });
    setBusy(false);
    if (!done) onClose();
  };
  return (
    <Modal
      title={`Remove “${room.name}”?`}
      appearance="danger"
      onClose={onClose}
      action={
        <Button appearance="danger" loading={busy} onClick={() => void remove()}>
          Remove room
        </Button>
      }
    >
      <p>
        The room, its queue and every vote are deleted at once, for everyone in it. Estimates
        already saved stay in Jira.
      </p>
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
  const [busy, setBusy] = useState(false);
  const transfer = async () => {
    if (!target) return;
    setBusy(true);
    await send('room:transfer', { roomId: room.id, accountId: target });
    setBusy(false);
    onClose();
  };
  return (
    <Modal
      title="Hand over the room"
      onClose={onClose}
      action={
        <Button
          appearance="primary"
          loading={busy}
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
    </Modal>
  );
}
