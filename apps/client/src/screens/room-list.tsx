import type { JoinRole, RoomSummary } from '@poker/shared';
import { useCallback, useEffect, useState } from 'react';
import { AppHeader } from '../components/app-header';
import { Button } from '../components/button';
import { useErrors } from '../components/errors-context';
import { Person } from '../components/person';
import { RelativeTime } from '../components/relative-time';
import { Spinner } from '../components/spinner';
import { usePoker } from '../socket/poker-context';
import { CreateRoomDialog } from './create-room-dialog';

const LIST_REFRESH_MS = 15_000;

/** The site's rooms as Jira lists things: a table with the owner's name and the last change. */
export function RoomList({ onOpen }: { onOpen: (roomId: string, role?: JoinRole) => void }) {
  const { call, tracker } = usePoker();
  const { report } = useErrors();
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    const ack = await call('room:list', {});
    if (ack.ok) setRooms(ack.data.rooms);
    else report(ack.error);
  }, [call, report]);

  useEffect(() => {
    void load();
    const stop = tracker.onResync(load);
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    // The protocol pushes changes of joined rooms only; the list is refreshed while in view.
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, LIST_REFRESH_MS);
    return () => {
      stop();
      window.removeEventListener('focus', onFocus);
      window.clearInterval(timer);
    };
  }, [load, tracker]);

  return (
    <div className="page">
      <AppHeader breadcrumbs={<span>Planning poker</span>} />
      <header className="page-header">
        <div className="page-header__title-row">
          <h1 className="page-title">Rooms</h1>
        </div>
        <div className="page-header__actions">
          <Button appearance="subtle" onClick={() => void load()}>
            Refresh
          </Button>
          <Button appearance="primary" onClick={() => setCreating(true)}>
            Create room
          </Button>
        </div>
      </header>
      {rooms === null && (
        <div className="loading-page">
          <Spinner label="Loading rooms" />
        </div>
      )}
      {rooms?.length === 0 && (
        <section className="empty-state">
          <h2 className="empty-state__title">No rooms yet</h2>
          <p className="subtle">
            Create a room, add the issues to estimate, and ask your team to join.
          </p>
          <Button appearance="primary" onClick={() => setCreating(true)}>
            Create room
          </Button>
        </section>
      )}
      {rooms && rooms.length > 0 && (
        <table className="dynamic-table" data-testid="room-table">
          <thead>
            <tr>
              <th scope="col">Room</th>
              <th scope="col">Owner</th>
              <th scope="col" className="numeric">
                Issues
              </th>
              <th scope="col">Last change</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rooms.map((room) => (
              <tr key={room.id} data-testid="room-row" data-room-id={room.id}>
                <td>
                  <button type="button" className="link-button" onClick={() => onOpen(room.id)}>
                    {room.name}
                  </button>
                </td>
                <td>
                  <Person accountId={room.ownerAccountId} />
                </td>
                <td className="numeric">{room.issueCount}</td>
                <td className="subtle">
                  <RelativeTime iso={room.updatedAt} />
                </td>
                <td className="actions">
                  <Button compact appearance="subtle" onClick={() => onOpen(room.id, 'observer')}>
                    Observe
                  </Button>
                  <Button compact onClick={() => onOpen(room.id, 'voter')}>
                    Join
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <CreateRoomDialog
          onClose={() => setCreating(false)}
          onCreated={(roomId) => {
            setCreating(false);
            onOpen(roomId);
          }}
        />
      )}
    </div>
  );
}
