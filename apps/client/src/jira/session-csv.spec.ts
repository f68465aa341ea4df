import { describe, expect, it } from '@jest/globals';
import {
  csvFileName,
  sessionTable,
  toCsv,
  toHtmlTable,
  toTsv,
  type SessionRow,
} from './session-csv';

const row = (overrides: Partial<SessionRow>): SessionRow => ({
  issueKey: 'PROJ-1',
  summary: 'Plain',
  savedValue: null,
  savedRounds: null,
  savedConsensus: null,
  ...overrides,
});

describe('session summary table', () => {
  it('lists key, summary, saved value, rounds and consensus under a header', () => {
    const table = sessionTable(
      [
        row({ savedValue: 5, savedRounds: 2, savedConsensus: true }),
        row({
          issueKey: 'PROJ-2',
          summary: '',
          savedConsensus: false,
          savedRounds: 1,
          savedValue: 0.5,
        }),
        row({ issueKey: 'PROJ-3' }),
      ],
      { kind: 'fibonacci' },
    );
    expect(toCsv(table)).toBe(
      'Issue key,Summary,Saved value,Rounds,Consensus\r\n' +
        'PROJ-1,Plain,5,2,yes\r\n' +
        'PROJ-2,,0.5,1,no\r\n' +
        'PROJ-3,Plain,,,\r\n',
    );
  });

  it('writes a time deck’s hours as Jira durations', () => {
    const table = sessionTable([row({ savedValue: 12, savedRounds: 1 })], { kind: 'time' });
    expect(table[1][2]).toBe('1d 4h');
  });

  it('quotes cells with commas, quotes and line breaks, doubling the quotes', () => {
    const csv = toCsv(
      sessionTable([row({ summary: 'Say "hi", then\nleave' })], { kind: 'fibonacci' }),
    );
    expect(csv.split('\r\n')[1]).toBe('PROJ-1,"Say ""hi"", then\nleave",,,');
  });

  it('turns cells that a spreadsheet would run as a formula into text', () => {
    const summaries = ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tcmd', 'a=b'];
    const table = sessionTable(
      summaries.map((summary) => row({ summary })),
      { kind: 'fibonacci' },
    );
    expect(table.slice(1).map((cells) => cells[1])).toEqual([
      `'=HYPERLINK("http://x")`,
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tcmd",
      'a=b',
    ]);
    expect(toCsv(table)).toContain(`PROJ-1,"'=HYPERLINK(""http://x"")",,,`);
  });

  it('copies as tab-separated text and as an escaped HTML table', () => {
    const table = sessionTable([row({ summary: 'Tabs\there <b>& more' })], { kind: 'fibonacci' });
    expect(toTsv(table)).toBe(
      'Issue key\tSummary\tSaved value\tRounds\tConsensus\nPROJ-1\tTabs here <b>& more\t\t\t\n',
    );
    expect(toHtmlTable(table)).toBe(
      '<table><thead><tr><th>Issue key</th><th>Summary</th><th>Saved value</th><th>Rounds</th>' +
        '<th>Consensus</th></tr></thead><tbody><tr><td>PROJ-1</td>' +
        '<td>Tabs\there &lt;b&gt;&amp; more</td><td></td><td></td><td></td></tr></tbody></table>',
    );
  });

  it('names the file after the room', () => {
    expect(csvFileName('Sprint 12 / Falcon')).toBe('sprint-12-falcon-estimates.csv');
    expect(csvFileName('???')).toBe('planning-poker-estimates.csv');
  });
});
