import type { JoinRole } from '@poker/shared';
import { useState } from 'react';
import { AppHeader } from '../components/app-header';
import { useHostSession } from '../host/bridge-context';
import { usePoker } from '../socket/poker-context';
import { RoomScreen } from './room/room-screen';
import { RoomList } from './room-list';

interface OpenRoom {
  id: string;
  role?: JoinRole;
}

/** The general page: the room list, or one room (`ac.roomId` opens it straight away). */
export function RoomsPage() {
  const { params } = useHostSession();
  const { call } = usePoker();
  const [open, setOpen] = useState<OpenRoom | null>(() => {
    const id = params.get('ac.roomId');
    return id ? { id } : null;
  });

  if (!open) return <RoomList onOpen={(id, role) => setOpen({ id, role })} />;

  const leave = () => {
    // Leaving on purpose gives up the seat; closing the page only goes offline.
    void call('room:leave', { roomId: open.id });
    setOpen(null);
  };
  return (
    <div className="page">
      <AppHeader
        breadcrumbs={
          <>
            <span>Planning poker</span>
            <span className="breadcrumbs__separator">/</span>
            <button type="button" className="link-button" onClick={leave}>
              Rooms
            </button>
          </>
        }
      />
      <RoomScreen
        key={open.id}
        roomId={open.id}
        initialRole={open.role}
        onBack={() => setOpen(null)}
      />
    </div>
  );
}
