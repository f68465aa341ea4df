import { useEffect, useId } from 'react';
import { Toggle } from '../../components/toggle';
import { MAX_BOARD_ISSUES } from '../../jira/board-directory';
import { BoardIssueList } from './board-issue-list';
import { MAX_PICKED, type PickedIssues } from './board-selection';
import {
  sourceFromValue,
  sourceValue,
  useBoardPicker,
  type BoardPickerState,
  type Loaded,
} from './use-board-picker';

/** The live region's sentence: what is loading, or what Jira refused. */
function statusOf(picker: BoardPickerState): { text: string; failed: boolean } | null {
  const reads: [Loaded<unknown>, string][] = [
    [picker.boards, 'Loading your boards…'],
    [picker.details, 'Loading the board’s sprints…'],
    [picker.issues, 'Loading issues…'],
  ];
  for (const [read, loading] of reads) {
    if (read.state === 'failed') return { text: read.message, failed: true };
    if (read.state === 'loading') return { text: loading, failed: false };
  }
  return null;
}

function BoardSelect({ picker }: { picker: BoardPickerState }) {
  const id = useId();
  const boards = picker.boards.state === 'ready' ? picker.boards.value : [];
  return (
    <div className="form-field">
      <label htmlFor={id}>Board</label>
      <select
        id={id}
        className="select"
        value={picker.boardId ?? ''}
        disabled={picker.boards.state !== 'ready'}
        onChange={(event) =>
          picker.chooseBoard(event.target.value === '' ? null : Number(event.target.value))
        }
      >
        <option value="">
          {picker.boards.state === 'ready' && boards.length === 0
            ? 'You may see no boards'
            : 'Choose a board'}
        </option>
        {boards.map((board) => (
          <option key={board.id} value={board.id}>
            {board.name}
            {board.projectKey ? ` (${board.projectKey})` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

function SourceSelect({ picker }: { picker: BoardPickerState }) {
  const id = useId();
  if (picker.details.state !== 'ready' || picker.source === null) return null;
  return (
    <div className="form-field">
      <label htmlFor={id}>Sprint or backlog</label>
      <select
        id={id}
        className="select"
        value={sourceValue(picker.source)}
        onChange={(event) => picker.chooseSource(sourceFromValue(event.target.value))}
      >
        {picker.details.value.sprints.map((sprint) => (
          <option key={sprint.id} value={sourceValue({ kind: 'sprint', sprintId: sprint.id })}>
            {sprint.name} ({sprint.state === 'active' ? 'active' : 'future'})
          </option>
        ))}
        <option value="backlog">Backlog</option>
      </select>
    </div>
  );
}

/** How many are picked, and whether the server would take that many at once. */
function PickedCount({ picker }: { picker: BoardPickerState }) {
  if (picker.issues.state !== 'ready') return null;
  const count = picker.picked.issueKeys.length;
  return (
    <>
      {picker.issues.value.truncated && (
        <p className="helper">Only the first {MAX_BOARD_ISSUES} issues are listed.</p>
      )}
      {picker.details.state === 'ready' && picker.details.value.estimationFieldId === null && (
        <p className="helper">
          This board has no estimation field: estimates go into the room’s field.
        </p>
      )}
      <p className={count > MAX_PICKED ? 'field-error' : 'helper'} data-testid="picked-count">
        {count > MAX_PICKED
          ? `${count} issues picked: add at most ${MAX_PICKED} at a time.`
          : `${count} ${count === 1 ? 'issue' : 'issues'} picked`}
      </p>
    </>
  );
}

/**
 * Picks issues from a board: board, then an active or future sprint or the backlog, then the
 * issues. Everything is read live from Jira as the person; `onPick` receives only keys and the
 * board's estimation field ID, which is all that reaches our server.
 */
export function BoardPicker({
  alreadyQueued,
  onPick,
}: {
  alreadyQueued: ReadonlySet<string>;
  onPick: (picked: PickedIssues) => void;
}) {
  const picker = useBoardPicker(alreadyQueued);
  const status = statusOf(picker);
  const pickedKey = JSON.stringify(picker.picked);
  useEffect(() => onPick(JSON.parse(pickedKey) as PickedIssues), [pickedKey, onPick]);

  return (
    <div className="board-picker" data-testid="board-picker">
      <div className="board-picker__sources">
        <BoardSelect picker={picker} />
        <SourceSelect picker={picker} />
      </div>
      <div aria-live="polite" className="board-picker__status">
        {status?.failed && (
          <p className="field-error" role="alert">
            {status.text}
          </p>
        )}
        {status && !status.failed && (
          <p className="subtle board-picker__loading">
            <span className="spinner spinner--small" aria-hidden="true" /> {status.text}
          </p>
        )}
      </div>
      {picker.issues.state === 'ready' && (
        <>
          <Toggle
            label="Hide estimated"
            checked={picker.hideEstimated}
            onChange={picker.setHideEstimated}
          />
          {picker.visible.length === 0 ? (
            <p className="subtle">
              {picker.issues.value.issues.length === 0
                ? 'Nothing here yet.'
                : 'Every issue here already has an estimate.'}
            </p>
          ) : (
            <BoardIssueList
              visible={picker.visible}
              selection={picker.selection}
              alreadyQueued={alreadyQueued}
              onSelectionChange={picker.setSelection}
            />
          )}
          <PickedCount picker={picker} />
        </>
      )}
    </div>
  );
}
