import { describe, expect, it } from '@jest/globals';
import type { BoardIssue } from '../../jira/board-directory';
import {
  defaultSelection,
  issueRows,
  pickedIssues,
  selectAllState,
  selectableByAll,
  visibleIssues,
  withAll,
  withToggled,
} from './board-selection';

const issue = (key: string, extra: Partial<BoardIssue> = {}): BoardIssue => ({
  key,
  summary: `Summary of ${key}`,
  typeName: extra.subtask ? 'Sub-task' : 'Story',
  subtask: false,
  parentKey: null,
  statusName: 'To Do',
  estimate: null,
  ...extra,
});

const story = issue('PROJ-1');
const estimated = issue('PROJ-2', { estimate: '5' });
const subtask = issue('PROJ-3', { subtask: true, parentKey: 'PROJ-1' });
const orphan = issue('PROJ-4', { subtask: true, parentKey: 'PROJ-99' });
const sprint = [story, estimated, subtask, orphan];
const none = new Set<string>();

describe('board selection', () => {
  it('lists sub-tasks under their parent, and on their own when the parent is not listed', () => {
    const rows = issueRows(sprint);
    expect(rows.map((row) => row.issue.key)).toEqual(['PROJ-1', 'PROJ-2', 'PROJ-4']);
    expect(rows[0]?.subtasks.map((entry) => entry.key)).toEqual(['PROJ-3']);
  });

  it('checks every issue except sub-tasks and issues already in the room at first', () => {
    expect([...defaultSelection(sprint, none)]).toEqual(['PROJ-1', 'PROJ-2']);
    expect([...defaultSelection(sprint, new Set(['PROJ-1']))]).toEqual(['PROJ-2']);
  });

  it('hides estimated issues when asked, and never sends what is hidden', () => {
    const visible = visibleIssues(sprint, true);
    expect(visible.map((entry) => entry.key)).toEqual(['PROJ-1', 'PROJ-3', 'PROJ-4']);
    const selection = new Set(['PROJ-1', 'PROJ-2']);
    expect(pickedIssues(visible, selection, none, null)).toEqual({ issueKeys: ['PROJ-1'] });
  });

  it('a sub-task is added only when checked one by one', () => {
    const keys = selectableByAll(sprint, none);
    expect(keys).toEqual(['PROJ-1', 'PROJ-2']);
    const all = withAll(new Set(), keys, true);
    expect(pickedIssues(sprint, all, none, null).issueKeys).toEqual(['PROJ-1', 'PROJ-2']);
    const withSubtask = withToggled(all, 'PROJ-3');
    expect(pickedIssues(sprint, withSubtask, none, null).issueKeys).toEqual([
      'PROJ-1',
      'PROJ-2',
      'PROJ-3',
    ]);
  });

  it('sends each picked key with the board’s estimation field, in board order', () => {
    const selection = new Set(['PROJ-2', 'PROJ-1']);
    expect(pickedIssues(sprint, selection, none, 'customfield_10016')).toEqual({
      issueKeys: ['PROJ-1', 'PROJ-2'],
      issueFields: [
        { issueKey: 'PROJ-1', fieldId: 'customfield_10016' },
        { issueKey: 'PROJ-2', fieldId: 'customfield_10016' },
      ],
    });
  });

  it('never adds an issue the room already holds', () => {
    const selection = new Set(['PROJ-1', 'PROJ-2']);
    expect(pickedIssues(sprint, selection, new Set(['PROJ-2']), null).issueKeys).toEqual([
      'PROJ-1',
    ]);
  });

  it('tells whether all, some or none of the selectable issues are checked', () => {
    const keys = ['PROJ-1', 'PROJ-2'];
    expect(selectAllState(keys, new Set())).toBe('none');
    expect(selectAllState(keys, new Set(['PROJ-2']))).toBe('some');
    expect(selectAllState(keys, new Set(keys))).toBe('all');
    expect([...withAll(new Set(['PROJ-3', 'PROJ-1']), keys, false)]).toEqual(['PROJ-3']);
  });
});
