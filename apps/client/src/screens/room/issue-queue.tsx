import type { RoomSnapshot } from '@poker/shared';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { ActionError } from '../../components/action-error';
import { Button } from '../../components/button';
import { describedBy, FieldError } from '../../components/field-error';
import { Lozenge } from '../../components/lozenge';
import { usePendingAction } from '../../feedback/use-pending-action';
import { useIssues } from '../../jira/jira-context';
import { checkIssueInput } from '../../room-form/room-form-rules';
import { BoardPickerDialog } from '../board-picker/board-picker-dialog';
import { estimateText } from './estimate-text';
import { ReadinessLozenge, ReadinessReasons, readinessState } from './readiness-badge';
import type { RoomPanelProps, SendRoomEvent } from './room-actions';
import { JiraEstimate } from './jira-estimate';
import { useQueueEstimates } from './use-queue-estimates';
import { useRoomReadiness, type RoomReadiness } from './use-readiness';

/** "From a board…": opens the board picker; the picked keys go to the server in one add. */
function AddFromBoard({ room, send }: { room: RoomSnapshot; send: SendRoomEvent }) {
  const [open, setOpen] = useState(false);
  const queuedKeys = room.issues.map((entry) => entry.issueKey).join(',');
  const queued = useMemo(() => new Set(queuedKeys.split(',')), [queuedKeys]);
  return (
    <>
      <Button appearance="subtle" onClick={() => setOpen(true)}>
        From a board…
      </Button>
      {open && (
        <BoardPickerDialog
          alreadyQueued={queued}
          onClose={() => setOpen(false)}
          onAdd={async (picked) => !!(await send('issue:add', { roomId: room.id, ...picked }))}
        />
      )}
    </>
  );
}

/** "3 ready · 1 blocked", announced as the owner's checks come in. */
function ReadinessSummary({ room, readiness }: { room: RoomSnapshot; readiness: RoomReadiness }) {
  const states = room.issues.map((entry) => readinessState(readiness.of(entry.issueKey)));
  const count = (state: string) => states.filter((entry) => entry === state).length;
  if (room.issues.length === 0) return null;
  const parts = [
    count('checking') > 0 && `${count('checking')} checking`,
    count('ready') > 0 && `${count('ready')} ready`,
    count('blocked') > 0 && `${count('blocked')} blocked`,
    count('unknown') > 0 && `${count('unknown')} not checked`,
  ].filter(Boolean);
  return (
    <div className="readiness-summary">
      <p className="subtle" aria-live="polite" data-testid="readiness-summary">
        {parts.join(' · ')}
      </p>
      <Button appearance="subtle" compact onClick={() => readiness.recheck()}>
        Check again
      </Button>
    </div>
  );
}

/** Keys or JQL into the queue; a typo is said under the field, the server's refusal too. */
function AddIssues({ roomId, send }: { roomId: string; send: SendRoomEvent }) {
  const errorId = useId();
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const adding = usePendingAction();
  const checked = checkIssueInput(text);
  const problem = tried && !checked.ok ? checked.message : null;
  const add = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    adding.clear();
    if (!text.trim() || !checked.ok) return;
    const input = checked.value;
    const done = await adding.run('add', (options) =>
      send('issue:add', { roomId, ...input }, options),
    );
    if (done) {
      setText('');
      setTried(false);
    }
  };
  return (
    <form className="add-issues" onSubmit={(event) => void add(event)}>
      <div className="add-issues__row">
        <input
          className="text-field"
          placeholder="Add keys or JQL"
          aria-label="Add issues by key or JQL"
          value={text}
          onChange={(event) => setText(event.target.value)}
          {...describedBy(errorId, problem)}
        />
        <Button type="submit" loading={adding.busy} disabled={!text.trim()}>
          Add
        </Button>
      </div>
      <FieldError id={errorId} message={problem} />
      <ActionError error={adding.error} onDismiss={adding.clear} />
    </form>
  );
}

/**
 * The room's issues in order, with live summaries; the owner picks and prunes, and sees for
 * each issue whether its estimate can be saved in Jira (checked as the owner: only they see it).
 */
export function IssueQueue({ room, isOwner, send }: RoomPanelProps) {
  const issue = useIssues(room.issues.map((entry) => entry.issueKey));
  const readiness = useRoomReadiness(room, isOwner, { recheckOnOpen: true });
  const queue = usePendingAction();
  const inJira = useQueueEstimates(room);
  return (
    <section className="sidebar-section" aria-label="Issue queue">
      <h2 className="section-title">
        Queue <span className="count">{room.issues.length}</span>
      </h2>
      {room.issues.length === 0 && <p className="subtle">No issues yet.</p>}
      {isOwner && <ReadinessSummary room={room} readiness={readiness} />}
      <ol className="queue">
        {room.issues.map(({ issueKey, savedValue }) => {
          const current = issueKey === room.currentIssueKey;
          const found = issue(issueKey);
          const check = readiness.of(issueKey);
          return (
            <li
              key={issueKey}
              className={`queue__item${current ? ' queue__item--current' : ''}`}
              data-testid={`queue-item-${issueKey}`}
              data-readiness={readinessState(check)}
            >
              <button
                type="button"
                className="queue__select"
                disabled={!isOwner || current}
                aria-current={current ? 'true' : undefined}
                aria-busy={queue.pending === `select:${issueKey}` || undefined}
                title={isOwner && !current ? `Estimate ${issueKey} now` : undefined}
                onClick={() =>
                  void queue.run(`select:${issueKey}`, (options) =>
                    send('issue:select', { roomId: room.id, issueKey }, options),
                  )
                }
              >
                <span className="issue-key">{issueKey}</span>
                <span className="queue__summary">
                  {found?.found ? found.summary : found ? 'Not visible in Jira' : '…'}
                </span>
              </button>
              <JiraEstimate issueKey={issueKey} estimate={inJira(issueKey)} />
              <ReadinessLozenge readiness={check} />
              {savedValue !== null && (
                <span data-testid={`saved-${issueKey}`}>
                  <Lozenge appearance="success">{estimateText(room.deck, savedValue)}</Lozenge>
                </span>
              )}
              {current && savedValue === null && <Lozenge appearance="inprogress">Now</Lozenge>}
              {!current && savedValue === null && room.skippedIssueKeys?.includes(issueKey) && (
                <span data-testid={`skipped-${issueKey}`}>
                  <Lozenge appearance="moved">Skipped</Lozenge>
                </span>
              )}
              {isOwner && (
                <button
                  type="button"
                  className="icon-button icon-button--small"
                  aria-label={`Remove ${issueKey} from the queue`}
                  aria-busy={queue.pending === `remove:${issueKey}` || undefined}
                  disabled={queue.pending === `remove:${issueKey}`}
                  onClick={() =>
                    void queue.run(`remove:${issueKey}`, (options) =>
                      send('issue:remove', { roomId: room.id, issueKeys: [issueKey] }, options),
                    )
                  }
                >
                  ×
                </button>
              )}
              <ReadinessReasons issueKey={issueKey} readiness={check} />
            </li>
          );
        })}
      </ol>
      <ActionError error={queue.error} onDismiss={queue.clear} />
      {isOwner && (
        <>
          <AddIssues roomId={room.id} send={send} />
          <AddFromBoard room={room} send={send} />
        </>
      )}
    </section>
  );
}
