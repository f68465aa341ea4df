import { Router, type Response } from 'express';
import { changelogPage, MAX_CHANGELOG_PAGE, recordEdit } from '../changelog';
import { fieldValueError, storedValue } from '../field-values';
import { fieldList, issueJson, selectFields } from '../jira-json';
import { ISSUE_NOT_FOUND, sendJiraError } from '../jira-errors';
import { actorOf } from '../jwt-auth';
import { hasProjectPermission } from '../permission-model';
import type { SimField, SimIssue } from '../sim-records';
import { findField, findIssue, findProject, type SimState } from '../sim-state';

/** The issue by key or numeric ID, if the caller may browse it (Jira hides the rest as 404). */
function visibleIssue(state: SimState, res: Response, idOrKey: string): SimIssue | undefined {
  const issue =
    findIssue(state, idOrKey) ?? [...state.issues.values()].find((each) => each.id === idOrKey);
  if (issue && hasProjectPermission(state, actorOf(res), issue.projectKey, 'BROWSE_PROJECTS')) {
    return issue;
  }
  sendJiraError(res, 404, [ISSUE_NOT_FOUND]);
  return undefined;
}

const cannotSet = (fieldId: string) =>
  `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.`;

function pageParam(raw: unknown, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = typeof raw === 'string' ? Number.parseInt(raw, 10) : NaN;
  return Number.isFinite(value) && value >= 0 ? Math.min(value, max) : fallback;
}

/**
 * Issue read, edit metadata, edit and changelog: the calls the app makes to save an estimate,
 * and the history a test reads to see who saved it.
 */
export function issuesRouter(state: SimState, now: () => number = Date.now): Router {
  const router = Router();

  router.get('/rest/api/3/issue/:idOrKey', (req, res) => {
    const issue = visibleIssue(state, res, req.params.idOrKey);
    if (!issue) return;
    res.json(issueJson(state, issue, selectFields(state, fieldList(req.query.fields))));
  });

  router.get('/rest/api/3/issue/:idOrKey/editmeta', (req, res) => {
    const issue = visibleIssue(state, res, req.params.idOrKey);
    if (!issue) return;
    // Someone who may not edit sees no editable fields at all.
    const canEdit = hasProjectPermission(state, actorOf(res), issue.projectKey, 'EDIT_ISSUES');
    const screen = canEdit ? (findProject(state, issue.projectKey)?.editScreen ?? []) : [];
    const fields = screen.flatMap((fieldId): [string, object][] => {
      const field = findField(state, fieldId);
      if (!field) return [];
      const operations = field.schema.type === 'array' ? ['add', 'set', 'remove'] : ['set'];
      return [
        [
          fieldId,
          {
            required: fieldId === 'summary',
            schema: field.schema,
            name: field.name,
            key: field.key,
            operations,
            ...(field.allowedValues && {
              allowedValues: field.allowedValues.map((value) => ({ value })),
            }),
          },
        ],
      ];
    });
    res.json({ fields: Object.fromEntries(fields) });
  });

  router.put('/rest/api/3/issue/:idOrKey', (req, res) => {
    const issue = visibleIssue(state, res, req.params.idOrKey);
    if (!issue) return;
    if (!hasProjectPermission(state, actorOf(res), issue.projectKey, 'EDIT_ISSUES')) {
      return sendJiraError(res, 403, [
        'You do not have permission to edit issues in this project.',
      ]);
    }
    const body = req.body as { fields?: unknown; update?: unknown } | undefined;
    if (body?.update !== undefined) {
      // Jira's verb-style `update` is valid there; refusing it here keeps a gap visible.
      return sendJiraError(res, 400, ["The simulator supports 'fields' edits only, not 'update'."]);
    }
    const changes = body?.fields ?? {};
    if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
      return sendJiraError(res, 400, ["The request body's 'fields' must be an object."]);
    }
    const screen = findProject(state, issue.projectKey)?.editScreen ?? [];
    const errors: Record<string, string> = {};
    const accepted: [SimField, unknown][] = [];
    for (const [fieldId, value] of Object.entries(changes)) {
      const field = screen.includes(fieldId) ? findField(state, fieldId) : undefined;
      const problem = field ? fieldValueError(field, value) : cannotSet(fieldId);
      if (problem) errors[fieldId] = problem;
      else if (field) accepted.push([field, value]);
    }
    // Jira applies an edit all or nothing.
    if (Object.keys(errors).length > 0) return sendJiraError(res, 400, [], errors);
    const before = { ...issue.fields };
    for (const [field, value] of accepted) issue.fields[field.id] = storedValue(field, value);
    // Jira's history names whoever made the call: the person, or the app's add-on user.
    recordEdit(
      state,
      issue,
      actorOf(res),
      before,
      accepted.map(([field]) => field),
      now(),
    );
    res.status(204).end();
  });

  router.get('/rest/api/3/issue/:idOrKey/changelog', (req, res) => {
    const issue = visibleIssue(state, res, req.params.idOrKey);
    if (!issue) return;
    const startAt = pageParam(req.query.startAt, 0);
    // Jira pages at most 100 changelogs at a time.
    const maxResults = Math.max(
      1,
      pageParam(req.query.maxResults, MAX_CHANGELOG_PAGE, MAX_CHANGELOG_PAGE),
    );
    const pageUrl = state.url + req.originalUrl.split('?')[0];
    res.json(changelogPage(state, issue, pageUrl, startAt, maxResults));
  });

  return router;
}
