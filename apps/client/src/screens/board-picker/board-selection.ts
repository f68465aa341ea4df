import type { BoardIssue } from '../../jira/board-directory';

/** A row of the picker: an issue and the sub-tasks listed under it. */
export interface IssueRow {
  issue: BoardIssue;
  subtasks: BoardIssue[];
}

/** What the picker hands to `room:create` or `issue:add`: keys, and each key's board field. */
export interface PickedIssues {
  issueKeys: string[];
  issueFields?: { issueKey: string; fieldId: string }[];
}

/** The server takes at most this many keys in one `room:create` or `issue:add`. */
export const MAX_PICKED = 100;

/**
 * Board order, sub-tasks under their parent. A sub-task whose parent is not listed (another
 * sprint, or hidden by the filter) stays a row of its own, so it can still be picked.
 */
export function issueRows(issues: readonly BoardIssue[]): IssueRow[] {
  const listed = new Set(issues.map((issue) => issue.key));
  const underParent = (issue: BoardIssue) =>
    issue.subtask && issue.parentKey !== null && listed.has(issue.parentKey);
  const rows = new Map<string, IssueRow>();
  for (const issue of issues) {
    if (!underParent(issue)) rows.set(issue.key, { issue, subtasks: [] });
  }
  for (const issue of issues) {
    if (underParent(issue)) rows.get(issue.parentKey ?? '')?.subtasks.push(issue);
  }
  return [...rows.values()];
}

/** The issues left after the "hide estimated" filter. */
export function visibleIssues(issues: readonly BoardIssue[], hideEstimated: boolean): BoardIssue[] {
  return hideEstimated ? issues.filter((issue) => issue.estimate === null) : [...issues];
}

/**
 * Checked at first: every issue that is not a sub-task (sub-tasks are optional, so they start
 * unchecked) and not already in the room.
 */
export function defaultSelection(
  issues: readonly BoardIssue[],
  alreadyQueued: ReadonlySet<string>,
): Set<string> {
  return new Set(
    issues
      .filter((issue) => !issue.subtask && !alreadyQueued.has(issue.key))
      .map((issue) => issue.key),
  );
}

/** The issues "Select all" acts on: visible, not sub-tasks, not already in the room. */
export function selectableByAll(
  visible: readonly BoardIssue[],
  alreadyQueued: ReadonlySet<string>,
): string[] {
  return visible
    .filter((issue) => !issue.subtask && !alreadyQueued.has(issue.key))
    .map((issue) => issue.key);
}

/** The state of the "Select all" box over `keys`: checked, unchecked or mixed. */
export function selectAllState(
  keys: readonly string[],
  selection: ReadonlySet<string>,
): 'all' | 'some' | 'none' {
  const checked = keys.filter((key) => selection.has(key)).length;
  if (checked === 0) return 'none';
  return checked === keys.length ? 'all' : 'some';
}

/** The selection with `keys` all checked (`on`) or all unchecked; other keys keep their state. */
export function withAll(
  selection: ReadonlySet<string>,
  keys: readonly string[],
  on: boolean,
): Set<string> {
  const next = new Set(selection);
  for (const key of keys) {
    if (on) next.add(key);
    else next.delete(key);
  }
  return next;
}

/** The selection with one key flipped. */
export function withToggled(selection: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(selection);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

/**
 * What is sent: the checked issues the person can see (a filtered-out issue is never added
 * unseen), in board order, each with the board's estimation field when the board has one.
 */
export function pickedIssues(
  visible: readonly BoardIssue[],
  selection: ReadonlySet<string>,
  alreadyQueued: ReadonlySet<string>,
  estimationFieldId: string | null,
): PickedIssues {
  const issueKeys = visible
    .map((issue) => issue.key)
    .filter((key) => selection.has(key) && !alreadyQueued.has(key));
  if (estimationFieldId === null) return { issueKeys };
  return {
    issueKeys,
    issueFields: issueKeys.map((issueKey) => ({ issueKey, fieldId: estimationFieldId })),
  };
}
