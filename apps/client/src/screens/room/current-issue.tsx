import type { RoomSnapshot } from '@poker/shared';
import { useId } from 'react';
import { AdfView } from '../../components/adf-view';
import { JiraPageLink } from '../../components/jira-page-link';
import { Lozenge } from '../../components/lozenge';
import { estimateText } from './estimate-text';
import { IssueContext, useCurrentIssue } from './issue-context';
import { useEstimateField } from './use-estimate-field';

/**
 * The issue being estimated: key, summary, context and description, read live from Jira and
 * read again when a round starts or the window regains focus.
 */
export function CurrentIssue({ room }: { room: RoomSnapshot }) {
  const key = room.currentIssueKey;
  const descriptionId = useId();
  const field = useEstimateField(room, key);
  const issue = useCurrentIssue(room, field.state === 'chosen' ? field.id : null);
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
        {saved !== null && (
          <Lozenge appearance="success">Saved {estimateText(room.deck, saved)}</Lozenge>
        )}
        <span className="current-issue__open">
          <JiraPageLink path={`/browse/${encodeURIComponent(key)}`}>Open in Jira</JiraPageLink>
        </span>
      </div>
      <div aria-live="polite" aria-busy={issue === undefined}>
        {issue === undefined && (
          <div className="skeleton skeleton--heading" role="img" aria-label="Loading" />
        )}
        {issue?.found === false && <p className="subtle">{issue.reason}</p>}
      </div>
      {issue?.found && (
        <>
          <h2 className="current-issue__summary" data-testid="current-summary">
            {issue.summary}
          </h2>
          <IssueContext issue={issue} field={field} />
          {issue.description && (
            <section
              className="current-issue__description"
              aria-labelledby={descriptionId}
              // Long descriptions scroll inside the panel; the keyboard must reach them too.
              tabIndex={0}
            >
              <h3 className="issue-context__heading" id={descriptionId}>
                Description
              </h3>
              <AdfView document={issue.description} />
            </section>
          )}
        </>
      )}
    </section>
  );
}
