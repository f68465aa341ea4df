import type { RoomSnapshot } from '@poker/shared';
import { AdfView } from '../../components/adf-view';
import { Lozenge } from '../../components/lozenge';
import { useIssues } from '../../jira/jira-context';

/** The issue being estimated: key, summary and description, read live from Jira. */
export function CurrentIssue({ room }: { room: RoomSnapshot }) {
  const key = room.currentIssueKey;
  const issue = useIssues(key ? [key] : [])(key ?? '');
  if (!key) {
    return (
      <section className="panel current-issue current-issue--empty">
        <h2 className="panel__title">No issue selected</h2>
        <p className="subtle">Add issues to the queue to start estimating.</p>
      </section>
    );
  }
  const saved = room.issues.find((entry) => entry.issueKey === key)?.savedValue ?? null;
  return (
    <section className="panel current-issue" aria-label="Current issue" data-testid="current-issue">
      <div className="current-issue__meta">
        <span className="issue-key">{key}</span>
        <Lozenge appearance="inprogress">Round {room.round}</Lozenge>
        {saved !== null && <Lozenge appearance="success">Saved {saved}</Lozenge>}
      </div>
      {issue === undefined && <div className="skeleton skeleton--heading" aria-label="Loading" />}
      {issue?.found === false && <p className="subtle">{issue.reason}</p>}
      {issue?.found && (
        <>
          <h2 className="current-issue__summary">{issue.summary}</h2>
          {issue.description && (
            <div className="current-issue__description">
              <AdfView document={issue.description} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
