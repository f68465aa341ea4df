import type { ReadinessBlock, ReadinessReason } from '@poker/shared';
import { JiraPageLink } from '../../components/jira-page-link';
import { Lozenge } from '../../components/lozenge';
import type { IssueReadiness } from '../../jira/readiness-checker';

/** What the settings page behind each block is called, as the link's text. */
const FIX_LINK_TEXT: Record<ReadinessReason, string> = {
  'not-found': 'Open in Jira',
  'no-field': 'Open the app’s admin page',
  'no-edit-permission': 'Open the project’s permissions',
  'estimation-off': 'Open the project’s features',
  'time-tracking-off': 'Open time tracking settings',
  'field-not-on-screen': 'Open the project’s screens',
};

/** One reason the save would fail, with a link to the Jira page that fixes it. */
function BlockReason({ block, issueKey }: { block: ReadinessBlock; issueKey: string }) {
  // 'app-admin' is our own admin page, which a link cannot reach in every host: the message
  // already says where to go.
  const path = block.fixPath !== null && block.fixPath !== 'app-admin' ? block.fixPath : null;
  return (
    <li data-reason={block.reason}>
      {block.message}{' '}
      {path && (
        <JiraPageLink path={path}>
          {FIX_LINK_TEXT[block.reason]}
          <span className="visually-hidden"> (fixes {issueKey})</span>
        </JiraPageLink>
      )}
    </li>
  );
}

/** The lozenge of a queued issue: ready, blocked, being checked, or not checked. */
export function ReadinessLozenge({ readiness }: { readiness: IssueReadiness | undefined }) {
  if (!readiness) return null;
  if (readiness.state === 'checking') return <Lozenge>Checking</Lozenge>;
  if (readiness.state === 'unknown') return <Lozenge appearance="moved">Not checked</Lozenge>;
  return readiness.readiness.ready ? (
    <Lozenge appearance="success">Ready</Lozenge>
  ) : (
    <Lozenge appearance="removed">Blocked</Lozenge>
  );
}

/** Why an issue cannot be saved (each block with its fix), or why it was not checked. */
export function ReadinessReasons({
  issueKey,
  readiness,
  id,
}: {
  issueKey: string;
  readiness: IssueReadiness | undefined;
  id?: string;
}) {
  if (readiness?.state === 'unknown') {
    return (
      <p id={id} className="readiness-reasons readiness-reasons--unknown">
        {readiness.message}
      </p>
    );
  }
  if (readiness?.state !== 'checked' || readiness.readiness.ready) return null;
  return (
    <ul id={id} className="readiness-reasons" data-testid={`readiness-reasons-${issueKey}`}>
      {readiness.readiness.blocks.map((block) => (
        <BlockReason key={block.reason} block={block} issueKey={issueKey} />
      ))}
    </ul>
  );
}

/** A short state for tests and assistive tech: ready, blocked, checking or unknown. */
export function readinessState(readiness: IssueReadiness | undefined): string | undefined {
  if (!readiness) return undefined;
  if (readiness.state !== 'checked') return readiness.state;
  return readiness.readiness.ready ? 'ready' : 'blocked';
}
