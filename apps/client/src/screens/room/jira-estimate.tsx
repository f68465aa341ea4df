import type { QueueEstimate } from './use-queue-estimates';

/** A queue row's "Jira: 5": the value Jira holds now, its field named for screen readers. */
export function JiraEstimate({
  issueKey,
  estimate,
}: {
  issueKey: string;
  estimate: QueueEstimate | undefined;
}) {
  if (!estimate) return null;
  const field = estimate.fieldName ?? 'Estimate';
  return (
    <span
      className="queue__jira-estimate"
      data-testid={`jira-estimate-${issueKey}`}
      title={`${field} in Jira`}
    >
      <span aria-hidden="true">Jira: </span>
      <span className="visually-hidden">{field} in Jira: </span>
      <span data-testid="jira-estimate-value">{estimate.text}</span>
    </span>
  );
}
