import { TIME_TRACKING_FIELD, type RoomSnapshot } from '@poker/shared';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Lozenge, type LozengeAppearance } from '../../components/lozenge';
import { Person } from '../../components/person';
import { jiraEstimateText } from '../../jira/estimate-display';
import { useJira } from '../../jira/jira-context';
import type { FoundIssue, IssueLink, IssueStatus, JiraIssue } from '../../jira/issue-directory';
import { estimateFieldLabel, type EstimateField } from './use-estimate-field';

/** Jira colours a status by its category: grey to do, blue in progress, green done. */
const CATEGORY_APPEARANCE: Record<IssueStatus['category'], LozengeAppearance> = {
  new: 'default',
  indeterminate: 'inprogress',
  done: 'success',
  unknown: 'default',
};

/** Focus comes back often (every click into the frame); Jira need not hear of each one. */
const FOCUS_REFRESH_MS = 5_000;

/**
 * The current issue, read live with its estimate field, and read again when a round starts (the
 * round number changes) or the window regains focus, so an edit made in Jira meanwhile shows.
 * Focus also refreshes the rest of the queue: one batched search, however long the queue.
 */
export function useCurrentIssue(
  room: RoomSnapshot,
  estimateFieldId: string | null,
): JiraIssue | undefined {
  const { issues } = useJira();
  useSyncExternalStore(issues.cache.subscribe, issues.cache.snapshot);
  const key = room.currentIssueKey;
  const extraField =
    estimateFieldId && estimateFieldId !== TIME_TRACKING_FIELD ? estimateFieldId : null;
  const queueKeys = room.issues.map((entry) => entry.issueKey).join(',');
  // A save (by anyone in the room) changes Jira's value: read the issue again (issue 15, feedback).
  const savedAt = room.issues.find((entry) => entry.issueKey === key)?.savedAt ?? null;

  useEffect(() => {
    if (!key) return;
    issues.want([key], extraField ? [extraField] : []);
    issues.refresh([key]);
  }, [issues, key, room.round, extraField, savedAt]);

  useEffect(() => {
    let last = Date.now();
    const refresh = () => {
      if (document.visibilityState === 'hidden' || Date.now() - last < FOCUS_REFRESH_MS) return;
      last = Date.now();
      issues.refresh(queueKeys ? queueKeys.split(',') : []);
    };
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [issues, queueKeys]);

  return key ? issues.issue(key) : undefined;
}

export function StatusLozenge({ status }: { status: IssueStatus | null }) {
  if (!status) return null;
  return <Lozenge appearance={CATEGORY_APPEARANCE[status.category]}>{status.name}</Lozenge>;
}

function CurrentEstimate({ issue, field }: { issue: FoundIssue; field: EstimateField }) {
  if (field.state === 'loading') return <span className="subtle">…</span>;
  if (field.state === 'none') return <span className="subtle">No estimate field chosen</span>;
  return (
    <span>
      <strong data-testid="jira-estimate">{jiraEstimateText(issue, field.id) ?? '…'}</strong>{' '}
      <span className="subtle">in {estimateFieldLabel(field)}</span>
    </span>
  );
}

/** Jira's icon for the type; decorative (the name is beside it), and gone if it fails to load. */
function TypeIcon({ url }: { url: string }) {
  const [failed, setFailed] = useState(false);
  if (failed) return null;
  return <img className="issue-context__icon" src={url} alt="" onError={() => setFailed(true)} />;
}

function LinkedIssue({ link }: { link: IssueLink }) {
  return (
    <>
      <span className="issue-key">{link.key}</span> <span>{link.summary}</span>{' '}
      <StatusLozenge status={link.status} />
    </>
  );
}

/**
 * What a team asks about before voting: type, status, assignee, the estimate Jira holds now,
 * the parent and the sub-tasks. All of it is read live and kept in memory only.
 */
export function IssueContext({ issue, field }: { issue: FoundIssue; field: EstimateField }) {
  return (
    <div className="issue-context" data-testid="issue-context">
      <dl className="issue-context__facts">
        <div>
          <dt>Type</dt>
          <dd data-testid="issue-type">
            {issue.type?.iconUrl && <TypeIcon url={issue.type.iconUrl} />}
            {issue.type?.name ?? '—'}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd data-testid="issue-status">
            {issue.status ? <StatusLozenge status={issue.status} /> : '—'}
          </dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd data-testid="issue-assignee">
            {issue.assigneeAccountId ? (
              <Person accountId={issue.assigneeAccountId} />
            ) : (
              <span className="subtle">Unassigned</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Estimate in Jira</dt>
          <dd>
            <CurrentEstimate issue={issue} field={field} />
          </dd>
        </div>
        {issue.parent && (
          <div>
            <dt>Parent</dt>
            <dd data-testid="issue-parent">
              <LinkedIssue link={issue.parent} />
            </dd>
          </div>
        )}
      </dl>
      {issue.subtasks.length > 0 && (
        <section className="issue-context__subtasks" aria-label="Sub-tasks">
          <h3 className="issue-context__heading">Sub-tasks ({issue.subtasks.length})</h3>
          <ul data-testid="issue-subtasks">
            {issue.subtasks.map((subtask) => (
              <li key={subtask.key}>
                <LinkedIssue link={subtask} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
