import { Router, type Response } from 'express';
import { changelogPage, MAX_CHANGELOG_PAGE, recordEdit } from '../changelog';
import { fieldValueError, storedValue } from '../field-values';
import { fieldList, issueJson, selectFields } from '../jira-json';
import { ISSUE_NOT_FOUND, sendJiraError } from '../jira-errors';
import { actorOf } from '../jwt-auth';
import { hasProjectPermission } from '../permission-model';
import { editScreenOf } from '../screens';
import { TIME_TRACKING_FIELDS } from '../seed-planning';
import type { SimField, SimIssue } from '../sim-records';
import { findField, findIssueByIdOrKey, type SimState } from '../sim-state';
import { timetrackingEdit } from '../time-tracking';

/** The issue by key or numeric ID, if the caller may browse it (Jira hides the rest as 404). */
export function visibleIssue(
  state: SimState,
  res: Response,
  idOrKey: string,
): SimIssue | undefined {
  const issue = findIssueByIdOrKey(state, idOrKey);
  if (issue && hasProjectPermission(state, actorOf(res), issue.projectKey, 'BROWSE_PROJECTS')) {
    return issue;
  }
  sendJiraError(res, 404, [ISSUE_NOT_FOUND]);
  return undefined;
}

/** The operations editmeta offers for a field. */
function operationsOf(field: SimField): string[] {
  if (field.schema.type === 'array') return ['add', 'set', 'remove'];
  if (field.schema.type === 'timetracking') return ['set', 'edit'];
  return ['set'];
}

/** One accepted change: the stored values it writes, and the fields the changelog names. */
interface Change {
  values: [string, unknown][];
  fields: SimField[];
}

type ChangeCheck = { ok: true; change: Change } | { ok: false; errors: Record<string, string> };

const refused = (errors: Record<string, string>): ChangeCheck => ({ ok: false, errors });

/** Checks one `fields` entry of an edit: the change it makes, or the errors Jira answers. */
function readChange(
  state: SimState,
  screen: string[],
  fieldId: string,
  value: unknown,
): ChangeCheck {
  const field = screen.includes(fieldId) ? findField(state, fieldId) : undefined;
  if (!field) return refused({ [fieldId]: cannotSet(fieldId) });
  if (fieldId === TIME_TRACKING_FIELDS.timetracking) {
    const edit = timetrackingEdit(value, state.timeTracking);
    if (!edit.ok) return refused(edit.errors);
    const values: [string, unknown][] = [];
    if (edit.original !== undefined) values.push([TIME_TRACKING_FIELDS.original, edit.original]);
    if (edit.remaining !== undefined) values.push([TIME_TRACKING_FIELDS.remaining, edit.remaining]);
    const fields = values.flatMap(([id]) => findField(state, id) ?? []);
    return { ok: true, change: { values, fields } };
  }
  const problem = fieldValueError(field, value);
  if (problem) return refused({ [fieldId]: problem });
  return { ok: true, change: { values: [[fieldId, storedValue(field, value)]], fields: [field] } };
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
    const screen = canEdit ? editScreenOf(state, issue) : [];
    const fields = screen.flatMap((fieldId): [string, object][] => {
      const field = findField(state, fieldId);
      if (!field) return [];
      const operations = operationsOf(field);
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
    const screen = editScreenOf(state, issue);
    const errors: Record<string, string> = {};
    const accepted: Change[] = [];
    for (const [fieldId, value] of Object.entries(changes)) {
      const check = readChange(state, screen, fieldId, value);
      if (check.ok) accepted.push(check.change);
      else Object.assign(errors, check.errors);
    }
    // Jira applies an edit all or nothing.
    if (Object.keys(errors).length > 0) return sendJiraError(res, 400, [], errors);
    const before = { ...issue.fields };
    for (const { values } of accepted) {
      for (const [fieldId, value] of values) issue.fields[fieldId] = value;
    }
    // Jira's history names whoever made the call: the person, or the app's add-on user.
    recordEdit(
      state,
      issue,
      actorOf(res),
      before,
      accepted.flatMap((change) => change.fields),
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
