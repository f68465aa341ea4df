import { issueKeySchema, type JoinRole, type RoomSummary } from '@poker/shared';
import { useCallback, useEffect, useState } from 'react';
import { AppHeader } from '../components/app-header';
import { Button } from '../components/button';
import { useErrors } from '../components/errors-context';
import { Person } from '../components/person';
import { Spinner } from '../components/spinner';
import { useHostSession } from '../host/bridge-context';
import { useIssues } from '../jira/jira-context';
import { usePoker } from '../socket/poker-context';
import { useAction } from '../socket/use-action';
import { RoomScreen } from './room/room-screen';

/** The room the glance opens for an issue is found by this name (names are the owner's words). */
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

function StartPanel({
  issueKey,
  onOpen,
}: {
  issueKey: string;
  onOpen: (roomId: string, role?: JoinRole) => void;
}) {
  const { call, tracker } = usePoker();
  const { report } = useErrors();
  const act = useAction();
  const issue = useIssues([issueKey])(issueKey);
  const [rooms, setRooms] = useState<RoomSummary[] | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    const ack = await call('room:list', {});
    if (ack.ok) setRooms(ack.data.rooms.filter((room) => room.name === glanceRoomName(issueKey)));
    else report(ack.error);
  }, [call, issueKey, report]);
  useEffect(() => {
    void load();
    return tracker.onResync(load);
  }, [load, tracker]);

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
        <div key={room.id} className="glance-room">
          <Person accountId={room.ownerAccountId} />
          <span className="subtle">runs this room</span>
          <span className="glance-room__actions">
            <Button compact appearance="subtle" onClick={() => onOpen(room.id, 'observer')}>
              Observe
            </Button>
            <Button compact appearance="primary" onClick={() => onOpen(room.id, 'voter')}>
              Join
            </Button>
          </span>
        </div>
      ))}
    </section>
  );
}

/** The issue glance (narrow panel): opens or creates the room for this issue. */
export function GlancePage() {
  const { bridge } = useHostSession();
  const issueKey = useGlanceIssueKey();
  const [open, setOpen] = useState<{ id: string; role?: JoinRole } | null>(null);

  return (
    <div className="page page--narrow">
      <AppHeader breadcrumbs={<span>Planning poker</span>} />
      {issueKey === undefined && <Spinner />}
      {issueKey === null && <p className="subtle">Open this panel from a Jira issue.</p>}
      {issueKey && !open && (
        <StartPanel issueKey={issueKey} onOpen={(id, role) => setOpen({ id, role })} />
      )}
      {issueKey && open && (
        <RoomScreen
          key={open.id}
          roomId={open.id}
          initialRole={open.role}
          onBack={() => setOpen(null)}
          extraActions={
            <Button appearance="subtle" onClick={() => void bridge.openRoomPage(open.id)}>
              Open full page
            </Button>
          }
        />
      )}
    </div>
  );
}
