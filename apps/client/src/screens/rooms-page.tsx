import { ROOM_LINK_PARAM, type JoinRole } from '@poker/shared';
import { useEffect, useRef, useState } from 'react';
import { AppHeader } from '../components/app-header';
import { useHostSession } from '../host/bridge-context';
import { usePoker } from '../socket/poker-context';
import '../styles/room-list.css';
import { RoomScreen } from './room/room-screen';
import { RoomLinkButton } from './room-link-button';
import { RoomList } from './room-list';

interface OpenRoom {
  id: string;
  role?: JoinRole;
}

/**
 * The general page: the room list, or one room. A deep link (`ac.roomId`, the Forge route
 * `/room/<id>`, the demo's `?roomId=`) opens it straight away, and the open room is kept in the
 * host's URL, so a reload comes back to it.
 */
export function RoomsPage() {
  const { bridge, params } = useHostSession();
  const { call } = usePoker();
  const [open, setOpen] = useState<OpenRoom | null>(() => {
    const id = params.get(ROOM_LINK_PARAM);
    return id ? { id } : null;
  });
  const openId = open?.id ?? null;

  // The list at start-up is where the host already is; after that, every move is recorded.
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (shown.current === openId) return;
    shown.current = openId;
    bridge.showRoom?.(openId);
  }, [bridge, openId]);

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
        extraActions={<RoomLinkButton roomId={open.id} />}
      />
    </div>
  );
}
