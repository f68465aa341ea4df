import { Router, type Response } from 'express';
import { fieldList, issueJson, selectFields } from '../jira-json';
import { sendJiraError } from '../jira-errors';
import { JqlError, parseJql } from '../jql';
import { runJql } from '../jql-run';
import { actorOf } from '../jwt-auth';
import { hasProjectPermission } from '../permission-model';
import { indexedPropertyPaths, type SimState } from '../sim-state';

/** The enhanced search pages at most this many issues, whatever maxResults asks for. */
const PAGE_CAP = 100;

interface SearchParams {
  jql: unknown;
  fields: unknown;
  maxResults: unknown;
  nextPageToken: unknown;
}

/** Page tokens are opaque to callers; this one remembers the query so it cannot be reused. */
function pageToken(jql: string, offset: number): string {
  return Buffer.from(JSON.stringify({ jql, offset })).toString('base64url');
}

function offsetOf(jql: string, token: unknown): number | undefined {
  if (token === undefined || token === null || token === '') return 0;
  if (typeof token !== 'string') return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString()) as {
      jql?: unknown;
      offset?: unknown;
    };
    return decoded.jql === jql && typeof decoded.offset === 'number' ? decoded.offset : undefined;
  } catch {
    return undefined;
  }
}

function search(state: SimState, res: Response, params: SearchParams): void {
  const jql = typeof params.jql === 'string' ? params.jql : '';
  let query;
  try {
    query = parseJql(jql);
  } catch (error) {
    if (error instanceof JqlError) return sendJiraError(res, 400, error.messages);
    throw error;
  }
  if (query.clauses.length === 0) {
    return sendJiraError(res, 400, [
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    ]);
  }
  const offset = offsetOf(jql, params.nextPageToken);
  if (offset === undefined) return sendJiraError(res, 400, ['The nextPageToken is invalid.']);
  const actor = actorOf(res);
  const visible = [...state.issues.values()].filter((issue) =>
    hasProjectPermission(state, actor, issue.projectKey, 'BROWSE_PROJECTS'),
  );
  // A project the caller may not browse does not exist for them, as in Jira.
  const projects = state.projects.filter((project) =>
    hasProjectPermission(state, actor, project.key, 'BROWSE_PROJECTS'),
  );
  let matches;
  try {
    matches = runJql(query, visible, projects, indexedPropertyPaths(state));
  } catch (error) {
    if (error instanceof JqlError) return sendJiraError(res, 400, error.messages);
    throw error;
  }
  const requested = Number(params.maxResults ?? 50);
  const pageSize = Math.min(
    PAGE_CAP,
    Number.isInteger(requested) && requested > 0 ? requested : 50,
  );
  const page = matches.slice(offset, offset + pageSize);
  const wanted = fieldList(params.fields)?.filter((id) => id !== 'key' && id !== 'id');
  const fieldIds = wanted && wanted.length > 0 ? selectFields(state, wanted) : [];
  const isLast = offset + pageSize >= matches.length;
  res.json({
    issues: page.map((issue) => {
      const { id, key, self, fields } = issueJson(state, issue, fieldIds);
      // Jira returns only IDs and keys unless fields are asked for.
      return fieldIds.length > 0 ? { id, key, self, fields } : { id, key, self };
    }),
    ...(!isLast && { nextPageToken: pageToken(jql, offset + pageSize) }),
    isLast,
  });
}

/** JQL search (the enhanced `search/jql` endpoint, token-paged), POST and GET. */
export function searchRouter(state: SimState): Router {
  const router = Router();
  router.post('/rest/api/3/search/jql', (req, res) => {
    search(state, res, (req.body ?? {}) as SearchParams);
  });
  router.get('/rest/api/3/search/jql', (req, res) => {
    search(state, res, req.query as unknown as SearchParams);
  });
  return router;
}
