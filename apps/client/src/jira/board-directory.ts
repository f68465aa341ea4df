import { formatJiraDuration } from '@poker/shared';
import { HostRequestError, type HostBridge } from '../host/host-bridge';
import { gatherIssues, gatherValues, type IssuesPage, type ValuesPage } from './agile-pages';

/** A board the person may see. */
export interface Board {
  id: number;
  name: string;
  /** 'scrum', 'kanban' or 'simple' (team-managed). */
  type: string;
  projectKey: string | null;
}

export interface Sprint {
  id: number;
  name: string;
  state: 'active' | 'future';
}

/** Where a board's issues come from: one of its sprints, or its backlog. */
export type BoardSource = { kind: 'sprint'; sprintId: number } | { kind: 'backlog' };

/** One issue of a board, as the picker shows it (read live, held in memory only). */
export interface BoardIssue {
  key: string;
  summary: string;
  typeName: string;
  subtask: boolean;
  parentKey: string | null;
  statusName: string;
  /** The board's estimation field value as Jira shows it ("5", "1d 4h"), or null when empty. */
  estimate: string | null;
}

/** The issues of a sprint or backlog, and whether Jira had more than the picker lists. */
export interface BoardIssues {
  issues: BoardIssue[];
  truncated: boolean;
}

interface BoardJson {
  id: number;
  name?: string;
  type?: string;
  location?: { projectKey?: string };
}

interface SprintJson {
  id: number;
  name?: string;
  state?: string;
}

interface BoardConfigurationJson {
  estimation?: { type?: string; field?: { fieldId?: string } };
}

interface IssueJson {
  key: string;
  fields?: Record<string, unknown> & {
    summary?: string;
    issuetype?: { name?: string; subtask?: boolean };
    parent?: { key?: string };
    status?: { name?: string };
  };
}

/** Jira's own maximum page size for Agile lists; it may answer fewer. */
const PAGE_SIZE = 50;
/** More boards than this are not worth a select; Jira lists the most relevant first. */
const MAX_BOARDS = 500;
/** A sprint or backlog longer than this is cut, and the picker says so. */
export const MAX_BOARD_ISSUES = 300;
/** Jira's field for "Original estimate" boards (seconds). */
const ORIGINAL_ESTIMATE_SECONDS = 'timeoriginalestimate';

const AGILE = '/rest/agile/1.0';

/** The estimate as the person knows it from the board: seconds become "1d 4h". */
export function estimateText(fieldId: string | null, value: unknown): string | null {
  if (fieldId === null || value === null || value === undefined) return null;
  if (typeof value === 'number') {
    return fieldId === ORIGINAL_ESTIMATE_SECONDS ? formatJiraDuration(value / 3600) : String(value);
  }
  // Any other non-empty value still means the issue was estimated.
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One issue of an Agile issue list in the picker's words. */
export function boardIssueOf(json: IssueJson, estimationFieldId: string | null): BoardIssue {
  const fields = json.fields ?? {};
  return {
    key: json.key,
    summary: fields.summary ?? '',
    typeName: fields.issuetype?.name ?? 'Issue',
    subtask: fields.issuetype?.subtask === true,
    parentKey: fields.parent?.key ?? null,
    statusName: fields.status?.name ?? '',
    estimate: estimateText(
      estimationFieldId,
      estimationFieldId === null ? null : fields[estimationFieldId],
    ),
  };
}

/**
 * A sentence for a refused Agile call. Jira answers 404 both for a board that does not exist
 * and for one the person may not see, and says no more: neither does this.
 */
export function boardErrorMessage(error: unknown, subject: string): string {
  if (!(error instanceof HostRequestError)) {
    return `Could not read ${subject} from Jira: ${error instanceof Error ? error.message : String(error)}`;
  }
  switch (error.status) {
    case 0:
      return `Jira could not be reached to read ${subject}. Try again in a moment.`;
    case 401:
    case 403:
      return `Jira refused to show ${subject}: you may not see it.`;
    case 404:
      return `Jira does not know ${subject}, or you may not see it.`;
    case 429:
      return `Jira is busy (rate limit). Try again in a moment.`;
    default:
      return `Jira could not list ${subject}: ${error.message}`;
  }
}

/**
 * The person's boards, sprints and board issues, read live through the bridge from Jira's Agile
 * REST API as that person. Nothing here is cached or sent to our server: the picker hands on
 * issue keys and the board's estimation field ID only.
 */
export class BoardDirectory {
  constructor(private readonly bridge: HostBridge) {}

  async boards(): Promise<Board[]> {
    const read = gatherValues<BoardJson>(
      (startAt) =>
        this.bridge.request<ValuesPage<BoardJson>>({
          url: `${AGILE}/board?startAt=${startAt}&maxResults=${PAGE_SIZE}`,
        }),
      MAX_BOARDS,
    );
    const { items } = await read.catch((error: unknown) => {
      // Without Jira Software on the site there is no Agile API at all.
      if (error instanceof HostRequestError && error.status === 404) {
        throw new Error('this Jira site has no boards (is Jira Software installed?)');
      }
      throw error;
    });
    return items.map((board) => ({
      id: board.id,
      name: board.name ?? `Board ${board.id}`,
      type: board.type ?? 'scrum',
      projectKey: board.location?.projectKey ?? null,
    }));
  }

  /** Active sprints first, then future ones, as Jira orders them; none for a Kanban board. */
  async openSprints(boardId: number): Promise<Sprint[]> {
    try {
      const { items } = await gatherValues<SprintJson>(
        (startAt) =>
          this.bridge.request<ValuesPage<SprintJson>>({
            url: `${AGILE}/board/${boardId}/sprint?state=active,future&startAt=${startAt}&maxResults=${PAGE_SIZE}`,
          }),
        MAX_BOARDS,
      );
      return items
        .filter((sprint) => sprint.state === 'active' || sprint.state === 'future')
        .map((sprint) => ({
          id: sprint.id,
          name: sprint.name ?? `Sprint ${sprint.id}`,
          state: sprint.state as Sprint['state'],
        }))
        .sort((a, b) => (a.state === b.state ? 0 : a.state === 'active' ? -1 : 1));
    } catch (error) {
      // Jira answers 400 "The board does not support sprints" for a Kanban board.
      if (error instanceof HostRequestError && error.status === 400) return [];
      throw error;
    }
  }

  /** The board's estimation field (`estimation.field.fieldId`), or null when it has none. */
  async estimationFieldId(boardId: number): Promise<string | null> {
    const configuration = await this.bridge.request<BoardConfigurationJson>({
      url: `${AGILE}/board/${boardId}/configuration`,
    });
    return configuration.estimation?.field?.fieldId ?? null;
  }

  /** The issues of a sprint or the backlog, in the board's rank order. */
  async issues(
    boardId: number,
    source: BoardSource,
    estimationFieldId: string | null,
  ): Promise<BoardIssues> {
    const path =
      source.kind === 'sprint'
        ? `${AGILE}/board/${boardId}/sprint/${source.sprintId}/issue`
        : `${AGILE}/board/${boardId}/backlog`;
    const fields = ['summary', 'issuetype', 'parent', 'status'];
    if (estimationFieldId) fields.push(estimationFieldId);
    const query = `fields=${fields.map(encodeURIComponent).join(',')}&maxResults=${PAGE_SIZE}`;
    const { items, truncated } = await gatherIssues<IssueJson>(
      (startAt) =>
        this.bridge.request<IssuesPage<IssueJson>>({ url: `${path}?${query}&startAt=${startAt}` }),
      MAX_BOARD_ISSUES,
    );
    return { issues: items.map((json) => boardIssueOf(json, estimationFieldId)), truncated };
  }
}
