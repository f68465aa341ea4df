import { issueKeySchema, ServerEvent, type JoinRole, type RoomSummary } from '@poker/shared';
import { useCallback, useEffect, useState } from 'react';
import { AppHeader } from '../components/app-header';
import { Button } from '../components/button';
import { useErrors } from '../components/errors-context';
import { Lozenge } from '../components/lozenge';
import { Person } from '../components/person';
import { Spinner } from '../components/spinner';
import { useHostSession } from '../host/bridge-context';
import { useIssues } from '../jira/jira-context';
import { usePoker } from '../socket/poker-context';
import { useAction } from '../socket/use-action';
import '../styles/room-list.css';
import { useIssueViewRefresh } from './glance-issue-view';
import { RoomScreen } from './room/room-screen';
import { estimateText } from './room/estimate-text';
import { RoomLinkButton } from './room-link-button';
import { isMine } from './room-list-merge';

/** A burst of list pushes (people joining) makes one look-up. */
const LIST_RELOAD_DELAY_MS = 200;

/** The name of a room the glance starts for an issue (names are the owner's words). */
export const glanceRoomName = (issueKey: string) => `Estimate ${issueKey}`;

/** The issue this glance belongs to: Jira's URL parameter first, else the host's context. */
function useGlanceIssueKey(): string | null | undefined {
  const { bridge, params } = useHostSession();
  const [key, setKey] = useState<string | null | undefined>(() => params.get('issueKey'));
  useEffect(() => {
    if (key) return;
    bridge.getContext().then(
      (context) => setKey(context.issueKey),
      () => setKey(null),
    );
  }, [bridge, key]);
  if (!key) return key;
  const parsed = issueKeySchema.safeParse(key);
  return parsed.success ? parsed.data : null;
}

/** What a room knows of the issue: the saved estimate, and (members) the last result. */
function IssueInRoom({ room }: { room: RoomSummary }) {
  const issue = room.issue;
  if (!issue) return null;
  // Values of a time deck are hours: said as Jira says durations.
  const shown = (value: number) => estimateText({ kind: issue.deckKind ?? 'fibonacci' }, value);
  const saved =
    issue.savedValue !== null
      ? `Saved estimate: ${shown(issue.savedValue)}`
      : 'No estimate saved yet';
  const result = issue.lastResult;
  return (
    <p className="subtle glance-room__result" data-testid="glance-issue">
      {issue.current && <Lozenge appearance="inprogress">In play</Lozenge>} {saved}
      {issue.savedConsensus !== null && (issue.savedConsensus ? ' (consensus)' : ' (no consensus)')}
      {result && (
        <span data-testid="glance-last-result">
          {' · '}Last round: {result.voteCount} {result.voteCount === 1 ? 'vote' : 'votes'}
          {result.median !== null && `, median ${shown(result.median)}`}
          {result.consensus && ', consensus'}
          {result.suggested !== null && `, suggested ${result.suggested}`}
        </span>
      )}
    </p>
  );
}

/**
 * The rooms whose queue holds the issue (`room:list { issueKey }`), asked again whenever the
 * site's list changes (a room created for it, a save, people joining).
 */
function useRoomsHolding(issueKey: string): RoomSummary[] | null {
  const { call, socket, tracker } = usePoker();
  const { report } = useErrors();
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);
  const load = useCallback(async () => {
    const ack = await call('room:list', { issueKey });
    if (ack.ok) setRooms(ack.data.rooms);
    else report(ack.error);
  }, [call, issueKey, report]);
  useEffect(() => {
    let timer: number | undefined;
    const onChange = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void load(), LIST_RELOAD_DELAY_MS);
    };
    socket.on(ServerEvent.roomListChanged, onChange);
    void load();
    const stop = tracker.onResync(load);
    return () => {
      window.clearTimeout(timer);
      socket.off(ServerEvent.roomListChanged, onChange);
      stop();
    };
  }, [load, socket, tracker]);
  return rooms;
}

function StartPanel({
  issueKey,
  rooms,
  onOpen,
}: {
  issueKey: string;
  rooms: RoomSummary[] | null;
  onOpen: (roomId: string, role?: JoinRole) => void;
}) {
  const { accountId } = useHostSession();
  const act = useAction();
  const issue = useIssues([issueKey])(issueKey);
  const [creating, setCreating] = useState(false);

  const create = async () => {
    setCreating(true);
    const created = await act('room:create', {
      name: glanceRoomName(issueKey),
      deck: { kind: 'fibonacci' },
      issueKeys: [issueKey],
    });
    setCreating(false);
    if (created) onOpen(created.room.id);
  };

  return (
    <section className="glance-start" data-testid="glance-start">
      <p className="issue-key">{issueKey}</p>
      <h1 className="glance-start__title">
        {issue?.found ? issue.summary : `Estimate ${issueKey} with your team`}
      </h1>
      {rooms === null && <Spinner label="Looking for a room" />}
      {rooms?.length === 0 && (
        <>
          <p className="subtle">No room estimates this issue yet. Start one and share it.</p>
          <Button appearance="primary" loading={creating} onClick={() => void create()}>
            Start estimating
          </Button>
        </>
      )}
      {rooms?.map((room) => (
        <div key={room.id} className="glance-room" data-testid="glance-room" data-room-id={room.id}>
          <strong className="glance-room__name">{room.name}</strong>
          <Person accountId={room.ownerAccountId} />
          <span className="subtle">runs this room</span>
          <span className="glance-room__actions">
            {isMine(room, accountId) ? (
              <Button compact appearance="primary" onClick={() => onOpen(room.id)}>
                Open
              </Button>
            ) : (
              <>
                <Button compact appearance="subtle" onClick={() => onOpen(room.id, 'observer')}>
                  Observe
                </Button>
                <Button compact appearance="primary" onClick={() => onOpen(room.id, 'voter')}>
                  Join
                </Button>
              </>
            )}
          </span>
          <IssueInRoom room={room} />
        </div>
      ))}
    </section>
  );
}

/**
 * The rooms holding the issue, watched for as long as the glance is open (also while a room is
 * open in it), so that every save refreshes Jira's issue view around the glance.
 */
function IssueViewSync({
  issueKey,
  onRooms,
}: {
  issueKey: string;
  onRooms: (rooms: RoomSummary[] | null) => void;
}) {
  const rooms = useRoomsHolding(issueKey);
  useIssueViewRefresh(rooms);
  useEffect(() => onRooms(rooms), [onRooms, rooms]);
  return null;
}

/** The issue glance (narrow panel): opens or creates the room for this issue. */
export function GlancePage() {
  const { bridge } = useHostSession();
  const issueKey = useGlanceIssueKey();
  const [open, setOpen] = useState<{ id: string; role?: JoinRole } | null>(null);
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);

  return (
    <div className="page page--narrow">
      <AppHeader breadcrumbs={<span>Planning poker</span>} />
      {issueKey === undefined && <Spinner />}
      {issueKey === null && <p className="subtle">Open this panel from a Jira issue.</p>}
      {issueKey && <IssueViewSync issueKey={issueKey} onRooms={setRooms} />}
      {issueKey && !open && (
        <StartPanel
          issueKey={issueKey}
          rooms={rooms}
          onOpen={(id, role) => setOpen({ id, role })}
        />
      )}
      {issueKey && open && (
        <RoomScreen
          key={open.id}
          roomId={open.id}
          initialRole={open.role}
          onBack={() => setOpen(null)}
          extraActions={
            <>
              <Button appearance="subtle" onClick={() => void bridge.openRoomPage(open.id)}>
                Open full page
              </Button>
              <RoomLinkButton roomId={open.id} />
            </>
          }
        />
      )}
    </div>
  );
}
