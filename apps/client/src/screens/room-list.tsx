import { issueKeySchema, type JoinRole, type RoomSummary } from '@poker/shared';
import { useEffect, useMemo, useState } from 'react';
import { AppHeader } from '../components/app-header';
import { Button } from '../components/button';
import { Lozenge } from '../components/lozenge';
import { Person } from '../components/person';
import { RelativeTime } from '../components/relative-time';
import { Spinner } from '../components/spinner';
import { useHostSession } from '../host/bridge-context';
import { usePoker } from '../socket/poker-context';
import { CreateRoomDialog } from './create-room-dialog';
import { isMine, roomsInView } from './room-list-merge';
import { useRoomList } from './use-room-list';

/** How long typing may pause before an issue-key search asks the server. */
const KEY_SEARCH_DELAY_MS = 250;

/**
 * The rooms whose queue holds the issue the query names (`room:list { issueKey }`), asked again
 * whenever the list changes; empty while the query is no issue key.
 */
function useIssueMatches(query: string, changes: number): Set<string> {
  const { call } = usePoker();
  const [matches, setMatches] = useState<Set<string>>(new Set());
  const parsed = issueKeySchema.safeParse(query);
  const issueKey = parsed.success ? parsed.data : null;
  useEffect(() => {
    if (!issueKey) {
      setMatches(new Set());
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      void call('room:list', { issueKey }).then((ack) => {
        if (current && ack.ok) setMatches(new Set(ack.data.rooms.map((room) => room.id)));
      });
    }, KEY_SEARCH_DELAY_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [call, issueKey, changes]);
  return matches;
}

function OnlineCount({ room }: { room: RoomSummary }) {
  if (room.onlineCount === undefined) return <span className="subtle">–</span>;
  return (
    <span
      className={room.onlineCount > 0 ? 'online-count online-count--live' : 'online-count'}
      title={`${room.onlineCount} of ${room.memberCount ?? 0} members online`}
    >
      {room.onlineCount}
      <span className="subtle"> / {room.memberCount ?? 0}</span>
    </span>
  );
}

function RoomRow({
  room,
  mine,
  onOpen,
}: {
  room: RoomSummary;
  mine: boolean;
  onOpen: (roomId: string, role?: JoinRole) => void;
}) {
  return (
    <tr data-testid="room-row" data-room-id={room.id} data-mine={mine}>
      <td>
        <button type="button" className="link-button" onClick={() => onOpen(room.id)}>
          {room.name}
        </button>
        {mine && (
          <span className="room-row__mine">
            <Lozenge>Yours</Lozenge>
          </span>
        )}
      </td>
      <td>
        <Person accountId={room.ownerAccountId} />
      </td>
      <td className="numeric">{room.issueCount}</td>
      <td className="online-cell" data-testid="online-count">
        <OnlineCount room={room} />
      </td>
      <td className="subtle">
        <RelativeTime iso={room.updatedAt} />
      </td>
      <td className="actions">
        {mine ? (
          // A member goes back in with the role they hold.
          <Button compact appearance="primary" onClick={() => onOpen(room.id)}>
            Open
          </Button>
        ) : (
          <>
            <Button compact appearance="subtle" onClick={() => onOpen(room.id, 'observer')}>
              Observe
            </Button>
            <Button compact onClick={() => onOpen(room.id, 'voter')}>
              Join
            </Button>
          </>
        )}
      </td>
    </tr>
  );
}

/**
 * The site's rooms as Jira lists things: a table, live (rooms appear, go and change without a
 * refresh), my rooms first, searchable by name or issue key, with who is online.
 */
export function RoomList({ onOpen }: { onOpen: (roomId: string, role?: JoinRole) => void }) {
  const { accountId } = useHostSession();
  const { rooms, changes } = useRoomList();
  const [creating, setCreating] = useState(false);
  const [query, setQuery] = useState('');
  const byIssue = useIssueMatches(query.trim(), changes);
  const shown = useMemo(
    () => (rooms ? roomsInView(rooms, accountId, query, byIssue) : null),
    [rooms, accountId, query, byIssue],
  );

  return (
    <div className="page">
      <AppHeader breadcrumbs={<span>Planning poker</span>} />
      <header className="page-header">
        <div className="page-header__title-row">
          <h1 className="page-title">Rooms</h1>
        </div>
        <div className="page-header__actions">
          {rooms && rooms.length > 0 && (
            <input
              type="search"
              className="text-field room-search"
              aria-label="Search rooms by name or issue key"
              placeholder="Search by name or issue key"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          )}
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
      {shown && rooms && rooms.length > 0 && shown.length === 0 && (
        <p className="subtle" data-testid="no-room-matches" role="status">
          No room matches “{query.trim()}”.
        </p>
      )}
      {shown && shown.length > 0 && (
        <table className="dynamic-table" data-testid="room-table">
          <thead>
            <tr>
              <th scope="col">Room</th>
              <th scope="col">Owner</th>
              <th scope="col" className="numeric">
                Issues
              </th>
              <th scope="col" className="online-cell">
                Online
              </th>
              <th scope="col">Last change</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((room) => (
              <RoomRow key={room.id} room={room} mine={isMine(room, accountId)} onOpen={onOpen} />
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
