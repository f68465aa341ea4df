import { issueKeySchema } from '@poker/shared';
import { useState, type FormEvent } from 'react';
import { Button } from '../../components/button';
import { Lozenge } from '../../components/lozenge';
import { useIssues } from '../../jira/jira-context';
import type { RoomPanelProps, SendRoomEvent } from './room-actions';

/** "PROJ-1, proj-2" → keys; anything that is not a list of keys is JQL. */
export function parseIssueInput(text: string): { issueKeys: string[] } | { jql: string } {
  const parts = text.split(/[\s,;]+/).filter((part) => part.length > 0);
  const keys = parts.map((part) => issueKeySchema.safeParse(part));
  if (parts.length > 0 && keys.every((key) => key.success)) {
    return { issueKeys: keys.map((key) => (key.success ? key.data : '')) };
  }
  return { jql: text.trim() };
}

function AddIssues({ roomId, send }: { roomId: string; send: SendRoomEvent }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    const done = await send('issue:add', { roomId, ...parseIssueInput(text) });
    setBusy(false);
    if (done) setText('');
  };
  return (
    <form className="add-issues" onSubmit={(event) => void add(event)}>
      <input
        className="text-field"
        placeholder="Add keys or JQL"
        aria-label="Add issues by key or JQL"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <Button type="submit" loading={busy} disabled={!text.trim()}>
        Add
      </Button>
    </form>
  );
}

/** The room's issues in order, with live summaries; the owner picks and prunes. */
export function IssueQueue({ room, isOwner, send }: RoomPanelProps) {
  const issue = useIssues(room.issues.map((entry) => entry.issueKey));
  return (
    <section className="sidebar-section" aria-label="Issue queue">
      <h2 className="section-title">
        Queue <span className="count">{room.issues.length}</span>
      </h2>
      {room.issues.length === 0 && <p className="subtle">No issues yet.</p>}
      <ol className="queue">
        {room.issues.map(({ issueKey, savedValue }) => {
          const current = issueKey === room.currentIssueKey;
          const found = issue(issueKey);
          return (
            <li key={issueKey} className={`queue__item${current ? ' queue__item--current' : ''}`}>
              <button
                type="button"
                className="queue__select"
                disabled={!isOwner || current}
                aria-current={current ? 'true' : undefined}
                title={isOwner && !current ? `Estimate ${issueKey} now` : undefined}
                onClick={() => void send('issue:select', { roomId: room.id, issueKey })}
              >
                <span className="issue-key">{issueKey}</span>
                <span className="queue__summary">
                  {found?.found ? found.summary : found ? 'Not visible in Jira' : '…'}
                </span>
              </button>
              {savedValue !== null && <Lozenge appearance="success">{savedValue}</Lozenge>}
              {current && savedValue === null && <Lozenge appearance="inprogress">Now</Lozenge>}
              {isOwner && (
                <button
                  type="button"
                  className="icon-button icon-button--small"
                  aria-label={`Remove ${issueKey} from the queue`}
                  onClick={() =>
                    void send('issue:remove', { roomId: room.id, issueKeys: [issueKey] })
                  }
                >
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ol>
      {isOwner && <AddIssues roomId={room.id} send={send} />}
    </section>
  );
}
