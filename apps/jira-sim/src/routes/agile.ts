import { Router, type Request, type Response } from 'express';
import { boardConfigurationJson, boardJson, sprintJson } from '../agile-json';
import { fieldList, issueJson, selectFields } from '../jira-json';
import { sendJiraError } from '../jira-errors';
import { JqlError, parseJql } from '../jql';
import { keyOrder, runJql } from '../jql-run';
import { actorOf } from '../jwt-auth';
import { hasProjectPermission } from '../permission-model';
import type { SimBoard, SimIssue, SimProject, SimSprint } from '../sim-records';
import {
  findIssue,
  findProject,
  findProjectByIdOrKey,
  indexedPropertyPaths,
  type SimState,
} from '../sim-state';

/**
 * Jira Software's Agile REST (`/rest/agile/1.0`): boards, their configuration, sprints and the
 * issues of a sprint, a backlog or a board. A board is visible to whoever may browse its
 * location project; anything else is answered as missing. Lists page with `startAt` and
 * `maxResults` (50 by default; the 100 cap is U): boards and sprints as `{ maxResults,
 * startAt, total, isLast, values }`, issues as `{ expand, startAt, maxResults, total, issues }`.
 */

const BOARD_NOT_FOUND = 'Board does not exist or you do not have permission to see it.';
// U: the wording of a missing sprint.
const SPRINT_NOT_FOUND = 'Sprint does not exist or you do not have permission to see it.';
const NO_SPRINTS = 'The board does not support sprints';
const MAX_PAGE = 100;

interface Page {
  startAt: number;
  maxResults: number;
}

function pageOf(req: Request): Page {
  const int = (raw: unknown, fallback: number) => {
    const value = typeof raw === 'string' ? Number.parseInt(raw, 10) : NaN;
    return Number.isFinite(value) && value >= 0 ? value : fallback;
  };
  const query = req.query as Record<string, unknown>;
  return {
    startAt: int(query.startAt, 0),
    maxResults: Math.min(MAX_PAGE, Math.max(1, int(query.maxResults, 50))),
  };
}

function valuesPage<T>(all: T[], { startAt, maxResults }: Page) {
  return {
    maxResults,
    startAt,
    total: all.length,
    isLast: startAt + maxResults >= all.length,
    values: all.slice(startAt, startAt + maxResults),
  };
}

const mayBrowse = (state: SimState, res: Response, projectKey: string) =>
  hasProjectPermission(state, actorOf(res), projectKey, 'BROWSE_PROJECTS');

function boardProject(state: SimState, res: Response, board: SimBoard): SimProject | undefined {
  const project = findProject(state, board.projectKey);
  return project && mayBrowse(state, res, project.key) ? project : undefined;
}

/** The board and its project, or a 404 sent (missing and hidden boards alike). */
function visibleBoard(state: SimState, res: Response, id: string) {
  const board = state.boards.find((each) => String(each.id) === id);
  const project = board && boardProject(state, res, board);
  if (board && project) return { board, project };
  sendJiraError(res, 404, [BOARD_NOT_FOUND]);
  return undefined;
}

function visibleSprint(state: SimState, res: Response, id: string): SimSprint | undefined {
  const sprint = state.sprints.find((each) => String(each.id) === id);
  const board = sprint && state.boards.find((each) => each.id === sprint.originBoardId);
  if (sprint && board && boardProject(state, res, board)) return sprint;
  sendJiraError(res, 404, [SPRINT_NOT_FOUND]);
  return undefined;
}

/** The board's issues: its filter is `project = <location>`, ordered by rank (key order here). */
function boardIssues(state: SimState, board: SimBoard): SimIssue[] {
  return [...state.issues.values()].filter((issue) => issue.projectKey === board.projectKey);
}

function sprintIssues(state: SimState, sprint: SimSprint): SimIssue[] {
  return sprint.issueKeys.flatMap((key) => findIssue(state, key) ?? []);
}

const isDone = (state: SimState, issue: SimIssue) =>
  state.statuses.find((status) => status.id === issue.fields.status)?.category === 'done';

/** Answers an issue list: the caller's visible issues, narrowed by `jql`, paged, `fields` applied. */
function sendIssues(state: SimState, req: Request, res: Response, candidates: SimIssue[]): void {
  const visible = candidates.filter((issue) => mayBrowse(state, res, issue.projectKey));
  const jql = typeof req.query.jql === 'string' ? req.query.jql : '';
  let issues = [...visible].sort(keyOrder);
  try {
    const query = parseJql(jql);
    if (query.clauses.length > 0 || query.orderBy) {
      const projects = state.projects.filter((project) => mayBrowse(state, res, project.key));
      issues = runJql(query, visible, projects, indexedPropertyPaths(state));
      if (!query.orderBy) issues.sort(keyOrder);
    }
  } catch (error) {
    if (error instanceof JqlError) return sendJiraError(res, 400, error.messages);
    throw error;
  }
  const page = pageOf(req);
  const fieldIds = selectFields(state, fieldList(req.query.fields));
  res.json({
    expand: 'schema,names',
    startAt: page.startAt,
    maxResults: page.maxResults,
    total: issues.length,
    issues: issues
      .slice(page.startAt, page.startAt + page.maxResults)
      .map((issue) => issueJson(state, issue, fieldIds)),
  });
}

export function agileRouter(state: SimState): Router {
  const router = Router();
  const base = '/rest/agile/1.0';

  router.get(`${base}/board`, (req, res) => {
    const query = req.query as Record<string, unknown>;
    let boards = state.boards.filter((board) => boardProject(state, res, board));
    if (typeof query.projectKeyOrId === 'string') {
      const project = findProjectByIdOrKey(state, query.projectKeyOrId);
      if (!project || !mayBrowse(state, res, project.key)) {
        // U: Jira's answer for a project that is missing or hidden from the caller.
        return sendJiraError(res, 400, [
          `No project could be found with key '${query.projectKeyOrId}'.`,
        ]);
      }
      boards = boards.filter((board) => board.projectKey === project.key);
    }
    if (typeof query.type === 'string') {
      const types = query.type.split(',').map((type) => type.trim());
      boards = boards.filter((board) => types.includes(board.type));
    }
    if (typeof query.name === 'string') {
      const name = query.name.toLowerCase();
      boards = boards.filter((board) => board.name.toLowerCase().includes(name));
    }
    const values = boards.flatMap((board) => {
      const project = findProject(state, board.projectKey);
      return project ? [boardJson(state, board, project)] : [];
    });
    res.json(valuesPage(values, pageOf(req)));
  });

  router.get(`${base}/board/:boardId`, (req, res) => {
    const found = visibleBoard(state, res, req.params.boardId);
    if (found) res.json(boardJson(state, found.board, found.project));
  });

  router.get(`${base}/board/:boardId/configuration`, (req, res) => {
    const found = visibleBoard(state, res, req.params.boardId);
    if (found) res.json(boardConfigurationJson(state, found.board, found.project));
  });

  router.get(`${base}/board/:boardId/sprint`, (req, res) => {
    const found = visibleBoard(state, res, req.params.boardId);
    if (!found) return;
    if (found.board.type !== 'scrum') return sendJiraError(res, 400, [NO_SPRINTS]);
    const wanted =
      typeof req.query.state === 'string'
        ? req.query.state.split(',').map((each) => each.trim().toLowerCase())
        : undefined;
    const sprints = state.sprints
      .filter((sprint) => sprint.originBoardId === found.board.id)
      .filter((sprint) => !wanted || wanted.includes(sprint.state))
      .sort((a, b) => a.id - b.id);
    res.json(
      valuesPage(
        sprints.map((sprint) => sprintJson(state, sprint)),
        pageOf(req),
      ),
    );
  });

  router.get(`${base}/board/:boardId/sprint/:sprintId/issue`, (req, res) => {
    const found = visibleBoard(state, res, req.params.boardId);
    if (!found) return;
    if (found.board.type !== 'scrum') return sendJiraError(res, 400, [NO_SPRINTS]);
    const sprint = visibleSprint(state, res, req.params.sprintId);
    if (!sprint) return;
    // A sprint of another board: Jira answers the sprint's issues that this board's filter
    // matches (U: read from how boards share sprints; the reference does not say). With each
    // seeded board on its own project, that is none.
    const onBoard = new Set(boardIssues(state, found.board).map((issue) => issue.key));
    sendIssues(
      state,
      req,
      res,
      sprintIssues(state, sprint).filter((issue) => onBoard.has(issue.key)),
    );
  });

  router.get(`${base}/board/:boardId/backlog`, (req, res) => {
    const found = visibleBoard(state, res, req.params.boardId);
    if (!found) return;
    // The backlog: incomplete issues in no active or future sprint.
    const planned = new Set(
      state.sprints
        .filter((sprint) => sprint.state !== 'closed')
        .flatMap((sprint) => sprint.issueKeys),
    );
    const backlog = boardIssues(state, found.board).filter(
      (issue) => !planned.has(issue.key) && !isDone(state, issue),
    );
    sendIssues(state, req, res, backlog);
  });

  router.get(`${base}/board/:boardId/issue`, (req, res) => {
    const found = visibleBoard(state, res, req.params.boardId);
    if (found) sendIssues(state, req, res, boardIssues(state, found.board));
  });

  router.get(`${base}/sprint/:sprintId`, (req, res) => {
    const sprint = visibleSprint(state, res, req.params.sprintId);
    if (sprint) res.json(sprintJson(state, sprint));
  });

  router.get(`${base}/sprint/:sprintId/issue`, (req, res) => {
    const sprint = visibleSprint(state, res, req.params.sprintId);
    if (sprint) sendIssues(state, req, res, sprintIssues(state, sprint));
  });

  return router;
}
