import type { RoomSnapshot } from '@poker/shared';
import { useState } from 'react';
import { saveTextFile } from '../../browser/save-file';
import { Button } from '../../components/button';
import { useIssues } from '../../jira/jira-context';
import {
  csvFileName,
  sessionTable,
  toCsv,
  toHtmlTable,
  toTsv,
  type SessionRow,
} from '../../jira/session-csv';

/**
 * Puts the table on the clipboard as text (for sheets) and HTML (for documents). The async
 * clipboard needs the host frame's permission, which Jira may not grant; the older copy
 * command works in any frame during a click.
 */
async function copyTable(plain: string, html: string): Promise<void> {
  try {
    await navigator.clipboard.write([
      new ClipboardItem({
        'text/plain': new Blob([plain], { type: 'text/plain' }),
        'text/html': new Blob([html], { type: 'text/html' }),
      }),
    ]);
    return;
  } catch {
    // Fall through to the copy command.
  }
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', plain);
    event.clipboardData?.setData('text/html', html);
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy);
  try {
    if (!document.execCommand('copy')) throw new Error('The browser refused to copy.');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
}

/** Excel reads a CSV as UTF-8 only when it starts with a byte order mark. */
const BOM = '\uFEFF';

/**
 * The owner's export of the session: every issue of the queue with its saved value, rounds and
 * consensus, and its summary read live from Jira. Built in the browser, never sent anywhere.
 */
export function SessionSummary({ room }: { room: RoomSnapshot }) {
  const issue = useIssues(room.issues.map((entry) => entry.issueKey));
  const [status, setStatus] = useState<string | null>(null);
  const saved = room.issues.filter((entry) => entry.savedValue !== null).length;

  const table = () => {
    const rows = room.issues.map((entry): SessionRow => {
      const found = issue(entry.issueKey);
      return {
        issueKey: entry.issueKey,
        summary: found?.found ? found.summary : '',
        savedValue: entry.savedValue,
        savedRounds: entry.savedRounds,
        savedConsensus: entry.savedConsensus,
      };
    });
    return sessionTable(rows, room.deck);
  };

  const download = () => {
    saveTextFile(BOM + toCsv(table()), csvFileName(room.name), 'text/csv;charset=utf-8');
    setStatus('Downloaded the estimates as CSV.');
  };
  const copy = async () => {
    const rows = table();
    try {
      await copyTable(toTsv(rows), toHtmlTable(rows));
      setStatus(`Copied ${rows.length - 1} issues as a table.`);
    } catch (error) {
      setStatus(`Could not copy: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <section className="sidebar-section session-summary" aria-label="Session summary">
      <h2 className="section-title">
        Session summary{' '}
        <span className="count">
          {saved} of {room.issues.length} saved
        </span>
      </h2>
      <div className="session-summary__actions">
        <Button compact onClick={download} disabled={room.issues.length === 0}>
          Download CSV
        </Button>
        <Button compact onClick={() => void copy()} disabled={room.issues.length === 0}>
          Copy table
        </Button>
      </div>
      <p className="subtle session-summary__status" role="status" data-testid="summary-status">
        {status}
      </p>
    </section>
  );
}
