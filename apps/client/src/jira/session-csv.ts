import { formatJiraDuration, type Deck } from '@poker/shared';

/**
 * The session summary as a table: built in the browser from the room snapshot and the summaries
 * read live from Jira, and handed straight to a download or the clipboard. Nothing of it is sent
 * to our server or kept (PRIVACY-PROMISE.md, claim 9).
 */
export interface SessionRow {
  issueKey: string;
  /** Read live from Jira; empty when it is not known (yet, or not visible). */
  summary: string;
  savedValue: number | null;
  savedRounds: number | null;
  savedConsensus: boolean | null;
}

export const SESSION_COLUMNS = ['Issue key', 'Summary', 'Saved value', 'Rounds', 'Consensus'];

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (CSV injection); a
 * leading apostrophe makes it text, as OWASP advises. Tab and CR count too: some programs
 * strip them and read on.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as a spreadsheet should take it: text, never a formula. */
export function safeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A saved value as people read it: Jira's duration text for a time deck (values are hours). */
export function formatSavedValue(value: number | null, deck: Deck): string {
  if (value === null) return '';
  return deck.kind === 'time' ? formatJiraDuration(value) : String(value);
}

/** The header and one row per issue, every cell already made safe. */
export function sessionTable(rows: readonly SessionRow[], deck: Deck): string[][] {
  const body = rows.map((row) => [
    row.issueKey,
    row.summary,
    formatSavedValue(row.savedValue, deck),
    row.savedRounds === null ? '' : String(row.savedRounds),
    row.savedConsensus === null ? '' : row.savedConsensus ? 'yes' : 'no',
  ]);
  return [SESSION_COLUMNS, ...body].map((cells) => cells.map(safeCell));
}

/** RFC 4180: a cell with a quote, comma or line break is quoted, its quotes doubled; CRLF rows. */
export function toCsv(table: readonly (readonly string[])[]): string {
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return table.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** Tab-separated for pasting into a sheet: tabs and line breaks inside a cell become spaces. */
export function toTsv(table: readonly (readonly string[])[]): string {
  const flat = (cell: string) => cell.replace(/[\t\r\n]+/g, ' ');
  return table.map((row) => row.map(flat).join('\t')).join('\n') + '\n';
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An HTML table for pasting into documents (Confluence, mail); the first row is the header. */
export function toHtmlTable(table: readonly (readonly string[])[]): string {
  const [header = [], ...body] = table;
  const row = (cells: readonly string[], tag: 'th' | 'td') =>
    `<tr>${cells.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
  return `<table><thead>${row(header, 'th')}</thead><tbody>${body.map((cells) => row(cells, 'td')).join('')}</tbody></table>`;
}

/** A file name from the room's name, safe on every system: "Sprint 12" → sprint-12-estimates.csv. */
export function csvFileName(roomName: string): string {
  const slug = roomName
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'planning-poker'}-estimates.csv`;
}
