import type { JoinRole, RoomSnapshot } from '@poker/shared';
import { useState, type ReactNode } from 'react';
import { Button } from '../../components/button';
import { Lozenge } from '../../components/lozenge';
import type { SendRoomEvent } from './room-actions';
import { RemoveRoomDialog, TransferRoomDialog } from './room-dialogs';

/** The room's name, my role, and the role switch or the owner's room actions. */
export function RoomHeader({
  room,
  myAccountId,
  send,
  onSwitchRole,
  onOpenSettings,
  extraActions,
}: {
  room: RoomSnapshot;
  myAccountId: string;
  send: SendRoomEvent;
  onSwitchRole: (role: JoinRole) => Promise<unknown>;
  /** Opens the room settings (read-only for members who do not facilitate). */
  onOpenSettings: () => void;
  extraActions?: ReactNode;
}) {
  const [dialog, setDialog] = useState<'remove' | 'transfer' | null>(null);
  const [switching, setSwitching] = useState(false);
  const role = room.members.find((member) => member.accountId === myAccountId)?.role ?? 'voter';
  const switchTo = role === 'observer' ? 'voter' : 'observer';
  const switchRole = async () => {
    setSwitching(true);
    await onSwitchRole(switchTo);
    setSwitching(false);
  };
  // The owner keeps the room either way; whether they vote is a room setting.
  const ownerVotes = room.ownerVotes ?? true;
  const switchOwnerVotes = async () => {
    setSwitching(true);
    await send('room:update', { roomId: room.id, ownerVotes: !ownerVotes });
    setSwitching(false);
  };
  return (
    <header className="page-header room-header">
      <div className="page-header__title-row">
        <h1 className="page-title">{room.name}</h1>
        <span data-testid="my-role">
          <Lozenge
            appearance={role === 'owner' ? 'new' : role === 'observer' ? 'default' : 'inprogress'}
          >
            {role === 'owner' ? 'Owner' : role === 'observer' ? 'Observing' : 'Voting'}
          </Lozenge>
          {role === 'owner' && !ownerVotes && <Lozenge>Not voting</Lozenge>}
        </span>
      </div>
      <div className="page-header__actions">
        {extraActions}
        <Button onClick={onOpenSettings} data-testid="open-settings">
          Settings
        </Button>
        {role !== 'owner' && (
          <Button loading={switching} onClick={() => void switchRole()}>
            {switchTo === 'observer' ? 'Observe instead' : 'Vote instead'}
          </Button>
        )}
        {role === 'owner' && (
          <>
            <Button
              loading={switching}
              onClick={() => void switchOwnerVotes()}
              data-testid="owner-votes-toggle"
            >
              {ownerVotes ? 'Observe instead' : 'Vote too'}
            </Button>
            <Button onClick={() => setDialog('transfer')}>Hand over</Button>
            <Button
              appearance="subtle"
              className="button--danger-text"
              onClick={() => setDialog('remove')}
            >
              Remove room
            </Button>
          </>
        )}
      </div>
      {dialog === 'remove' && (
        <RemoveRoomDialog room={room} send={send} onClose={() => setDialog(null)} />
      )}
      {dialog === 'transfer' && (
        <TransferRoomDialog
          room={room}
          myAccountId={myAccountId}
          send={send}
          onClose={() => setDialog(null)}
        />
      )}
    </header>
  );
}
