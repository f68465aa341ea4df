import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import type { SimIssue } from './sim-records';
import type { SimState } from './sim-state';

/** Changes within this window are written once. */
const SAVE_AFTER_MS = 300;
const FORMAT = 1;

/**
 * What the demo's site keeps across a restart: the issues (fields, saved estimates, entity
 * properties), their change history, projects, boards, sprints and time tracking. Not the
 * installations: the demo installs the app afresh on every start (new shared secret).
 */
interface SavedState {
  format: typeof FORMAT;
  clientKey: string;
  issues: SimIssue[];
  changelog: SimState['changelog'];
  projects: SimState['projects'];
  boards: SimState['boards'];
  sprints: SimState['sprints'];
  timeTracking: SimState['timeTracking'];
}

export interface StateFile {
  /** Writes soon (debounced), after a change. */
  changed(): void;
  /** Writes what is pending now (before the site stops). */
  flush(): void;
  /** Whether the site started from the file (false: a fresh seed). */
  readonly restored: boolean;
}

function isSaved(value: unknown, clientKey: string): value is SavedState {
  const saved = value as Partial<SavedState> | null;
  return (
    saved?.format === FORMAT &&
    saved.clientKey === clientKey &&
    Array.isArray(saved.issues) &&
    Array.isArray(saved.changelog) &&
    Array.isArray(saved.projects) &&
    Array.isArray(saved.boards) &&
    Array.isArray(saved.sprints) &&
    typeof saved.timeTracking === 'object'
  );
}

/** Reads the file into `state` if it holds this site's state; true when it did. */
function restore(state: SimState, file: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  if (!isSaved(parsed, state.clientKey)) return false;
  state.issues = new Map(parsed.issues.map((issue) => [issue.key, issue]));
  state.changelog = parsed.changelog;
  state.projects = parsed.projects;
  state.boards = parsed.boards;
  state.sprints = parsed.sprints;
  state.timeTracking = parsed.timeTracking;
  return true;
}

function write(state: SimState, file: string): void {
  const saved: SavedState = {
    format: FORMAT,
    clientKey: state.clientKey,
    issues: [...state.issues.values()],
    changelog: state.changelog,
    projects: state.projects,
    boards: state.boards,
    sprints: state.sprints,
    timeTracking: state.timeTracking,
  };
  mkdirSync(dirname(file), { recursive: true });
  // Written beside and renamed: a crash mid-write never leaves half a file to start from.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(saved));
  renameSync(partial, file);
}

/**
 * Keeps the site's state in a JSON file (the demo's ./.data): restored at start when the file
 * is this site's, written after every change, debounced. Tests use no file.
 */
export function openStateFile(state: SimState, file: string): StateFile {
  const restored = restore(state, file);
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    try {
      write(state, file);
    } catch (error) {
      console.warn(`The simulator could not save its state to ${file}: ${String(error)}`);
    }
  };
  return {
    restored,
    changed: () => {
      timer ??= setTimeout(save, SAVE_AFTER_MS);
    },
    flush: () => {
      if (timer) save();
    },
  };
}

/**
 * A request handler that tells `file` after every request that may have changed the site (any
 * method but GET/HEAD/OPTIONS), once it is answered.
 */
export function savingAfterChanges(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  file: StateFile,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method ?? 'GET')) {
      res.once('finish', () => file.changed());
    }
    handler(req, res);
  };
}
