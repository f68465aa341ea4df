import { useEffect, useMemo, useState } from 'react';
import { useHostSession } from '../../host/bridge-context';
import {
  BoardDirectory,
  boardErrorMessage,
  type Board,
  type BoardIssues,
  type BoardSource,
  type Sprint,
} from '../../jira/board-directory';
import {
  defaultSelection,
  pickedIssues,
  visibleIssues,
  type PickedIssues,
} from './board-selection';

/** A read from Jira: loading, done, or refused with a sentence to show. */
export type Loaded<T> =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; value: T }
  | { state: 'failed'; message: string };

/** A board's sprints and estimation field, read together when the board is chosen. */
export interface BoardDetails {
  sprints: Sprint[];
  estimationFieldId: string | null;
}

/** `<select>` values of a source: `sprint:<id>` or `backlog`. */
export const sourceValue = (source: BoardSource) =>
  source.kind === 'sprint' ? `sprint:${source.sprintId}` : 'backlog';

export function sourceFromValue(value: string): BoardSource {
  const sprint = /^sprint:(\d+)$/.exec(value);
  return sprint ? { kind: 'sprint', sprintId: Number(sprint[1]) } : { kind: 'backlog' };
}

/** Reads `load()` whenever `key` changes (null: nothing to read), dropping stale answers. */
function useJiraRead<T>(key: string | null, load: () => Promise<T>, subject: string): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'idle' });
  useEffect(() => {
    if (key === null) {
      setLoaded({ state: 'idle' });
      return;
    }
    let live = true;
    setLoaded({ state: 'loading' });
    load().then(
      (value) => live && setLoaded({ state: 'ready', value }),
      (error: unknown) =>
        live && setLoaded({ state: 'failed', message: boardErrorMessage(error, subject) }),
    );
    return () => {
      live = false;
    };
    // `load` closes over what `key` names; the key alone decides when to read again.
  }, [key]);
  return loaded;
}

/**
 * The board picker's state: the person's boards, the chosen board's open sprints and
 * estimation field, the chosen sprint's (or backlog's) issues, and which are checked. All of
 * it is read live as the person and lives in this component's memory only.
 */
export function useBoardPicker(alreadyQueued: ReadonlySet<string>) {
  const { bridge } = useHostSession();
  const directory = useMemo(() => new BoardDirectory(bridge), [bridge]);
  const [boardId, setBoardId] = useState<number | null>(null);
  const [source, setSource] = useState<BoardSource | null>(null);
  const [hideEstimated, setHideEstimated] = useState(false);
  const [selection, setSelection] = useState<Set<string>>(new Set());

  const boards = useJiraRead<Board[]>('boards', () => directory.boards(), 'your boards');
  const details = useJiraRead<BoardDetails>(
    boardId === null ? null : `board:${boardId}`,
    async () => {
      const id = boardId ?? 0;
      const [sprints, estimationFieldId] = await Promise.all([
        directory.openSprints(id),
        directory.estimationFieldId(id),
      ]);
      return { sprints, estimationFieldId };
    },
    'this board',
  );
  const estimationFieldId = details.state === 'ready' ? details.value.estimationFieldId : null;
  const issues = useJiraRead<BoardIssues>(
    boardId === null || source === null || details.state !== 'ready'
      ? null
      : `issues:${boardId}:${sourceValue(source)}`,
    () => directory.issues(boardId ?? 0, source ?? { kind: 'backlog' }, estimationFieldId),
    source?.kind === 'sprint' ? 'this sprint' : 'this backlog',
  );

  // A new board starts on its active sprint (else its first future one, else its backlog).
  useEffect(() => {
    if (details.state !== 'ready') return;
    const first = details.value.sprints[0];
    setSource(first ? { kind: 'sprint', sprintId: first.id } : { kind: 'backlog' });
  }, [details]);

  const alreadyKey = [...alreadyQueued].join(',');
  useEffect(() => {
    setSelection(
      issues.state === 'ready' ? defaultSelection(issues.value.issues, alreadyQueued) : new Set(),
    );
    // alreadyQueued is read through its key: a new Set with the same keys changes nothing.
  }, [issues, alreadyKey]);

  const visible = issues.state === 'ready' ? visibleIssues(issues.value.issues, hideEstimated) : [];
  const picked: PickedIssues = pickedIssues(visible, selection, alreadyQueued, estimationFieldId);

  return {
    boards,
    boardId,
    chooseBoard: (id: number | null) => {
      setBoardId(id);
      setSource(null);
    },
    details,
    source,
    chooseSource: setSource,
    issues,
    visible,
    hideEstimated,
    setHideEstimated,
    selection,
    setSelection,
    picked,
  };
}

export type BoardPickerState = ReturnType<typeof useBoardPicker>;
