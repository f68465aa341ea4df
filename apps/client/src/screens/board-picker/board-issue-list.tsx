import { useEffect, useId, useRef } from 'react';
import { Lozenge } from '../../components/lozenge';
import type { BoardIssue } from '../../jira/board-directory';
import {
  issueRows,
  selectAllState,
  selectableByAll,
  withAll,
  withToggled,
} from './board-selection';

interface IssueCheckboxProps {
  issue: BoardIssue;
  checked: boolean;
  queued: boolean;
  onToggle: (key: string) => void;
}

/** One issue: its checkbox (named by key and summary), type, and estimate if it has one. */
function IssueCheckbox({ issue, checked, queued, onToggle }: IssueCheckboxProps) {
  const id = useId();
  return (
    <div
      className={`board-issue${issue.subtask ? ' board-issue--subtask' : ''}`}
      data-testid={`board-issue-${issue.key}`}
      data-estimated={issue.estimate !== null}
    >
      <input
        id={id}
        type="checkbox"
        checked={queued || checked}
        disabled={queued}
        onChange={() => onToggle(issue.key)}
      />
      <label htmlFor={id} className="board-issue__label">
        <span className="issue-key">{issue.key}</span>{' '}
        <span className="board-issue__summary">{issue.summary}</span>
      </label>
      <span className="board-issue__marks">
        {issue.subtask && <Lozenge>Sub-task</Lozenge>}
        {issue.estimate !== null && (
          <Lozenge appearance="new">
            <span className="visually-hidden">Estimated: </span>
            {issue.estimate}
          </Lozenge>
        )}
        {queued && <Lozenge appearance="inprogress">In room</Lozenge>}
      </span>
    </div>
  );
}

/** "Select all" as a real tri-state checkbox: `indeterminate` exists only as a DOM property. */
function SelectAll({
  state,
  count,
  onChange,
}: {
  state: 'all' | 'some' | 'none';
  count: number;
  onChange: (on: boolean) => void;
}) {
  const id = useId();
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <div className="board-issues__all">
      <input
        ref={box}
        id={id}
        type="checkbox"
        checked={state === 'all'}
        disabled={count === 0}
        onChange={() => onChange(state !== 'all')}
      />
      <label htmlFor={id}>Select all ({count})</label>
    </div>
  );
}

/**
 * The sprint's or backlog's issues as a checklist, sub-tasks indented under their parent.
 * "Select all" leaves sub-tasks alone: they are added only when checked one by one.
 */
export function BoardIssueList({
  visible,
  selection,
  alreadyQueued,
  onSelectionChange,
}: {
  visible: readonly BoardIssue[];
  selection: ReadonlySet<string>;
  alreadyQueued: ReadonlySet<string>;
  onSelectionChange: (selection: Set<string>) => void;
}) {
  const allKeys = selectableByAll(visible, alreadyQueued);
  const toggle = (key: string) => onSelectionChange(withToggled(selection, key));
  const checkbox = (issue: BoardIssue) => (
    <IssueCheckbox
      issue={issue}
      checked={selection.has(issue.key)}
      queued={alreadyQueued.has(issue.key)}
      onToggle={toggle}
    />
  );
  return (
    <div className="board-issues">
      <SelectAll
        state={selectAllState(allKeys, selection)}
        count={allKeys.length}
        onChange={(on) => onSelectionChange(withAll(selection, allKeys, on))}
      />
      <ul className="board-issues__list" aria-label="Board checklist">
        {issueRows(visible).map(({ issue, subtasks }) => (
          <li key={issue.key}>
            {checkbox(issue)}
            {subtasks.length > 0 && (
              <ul className="board-issues__subtasks" aria-label={`Sub-tasks of ${issue.key}`}>
                {subtasks.map((subtask) => (
                  <li key={subtask.key}>{checkbox(subtask)}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
