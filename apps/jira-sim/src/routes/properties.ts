import express, { Router, type Response } from 'express';
import { sendJiraError } from '../jira-errors';
import { actorOf } from '../jwt-auth';
import { hasProjectPermission } from '../permission-model';
import type { SimIssue } from '../sim-records';
import type { SimState } from '../sim-state';
import { visibleIssue } from './issues';

/**
 * Issue entity properties (`/rest/api/3/issue/{issueIdOrKey}/properties`): an app's JSON on an
 * issue, the customer's data (they stay when the app is uninstalled). As documented: reading
 * needs Browse projects, writing Browse projects and Edit issues; the value is any non-empty
 * JSON of at most 32768 characters, the key at most 255. PUT answers 201 when it created the
 * property and 200 when it replaced it. Unconfirmed (U): the error wordings, and that the 200
 * and 201 come without a body.
 */

const MAX_KEY_LENGTH = 255;
const MAX_VALUE_LENGTH = 32768;

const notFound = (key: string) => `The property with key '${key}' does not exist.`;

function mayEdit(state: SimState, res: Response, issue: SimIssue): boolean {
  if (hasProjectPermission(state, actorOf(res), issue.projectKey, 'EDIT_ISSUES')) return true;
  sendJiraError(res, 403, ['You do not have permission to edit issue properties.']);
  return false;
}

function parseValue(raw: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = typeof raw === 'string' ? raw : '';
  if (text.length > MAX_VALUE_LENGTH) {
    return {
      ok: false,
      message: `The property value is too long. The maximum length is ${MAX_VALUE_LENGTH} characters.`,
    };
  }
  try {
    if (text.trim() === '') throw new Error('empty');
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: 'The property value must be a valid, non-empty JSON.' };
  }
}

/**
 * Mounted before the REST routers' JSON parser: a property's value may be any JSON (a bare
 * string or number too), so the body is read as text here.
 */
export function propertiesRouter(state: SimState): Router {
  const router = Router();
  const path = '/rest/api/3/issue/:idOrKey/properties';
  const selfOf = (issue: SimIssue, key: string) =>
    `${state.url}/rest/api/3/issue/${issue.id}/properties/${encodeURIComponent(key)}`;

  router.get(path, (req, res) => {
    const issue = visibleIssue(state, res, req.params.idOrKey);
    if (!issue) return;
    const keys = Object.keys(issue.properties ?? {});
    res.json({ keys: keys.map((key) => ({ self: selfOf(issue, key), key })) });
  });

  router.get(`${path}/:propertyKey`, (req, res) => {
    const issue = visibleIssue(state, res, req.params.idOrKey);
    if (!issue) return;
    const key = req.params.propertyKey;
    if (!issue.properties || !Object.hasOwn(issue.properties, key)) {
      return sendJiraError(res, 404, [notFound(key)]);
    }
    res.json({ key, value: issue.properties[key] });
  });

  router.put(
    `${path}/:propertyKey`,
    express.text({ type: () => true, limit: '1mb' }),
    (req, res) => {
      const issue = visibleIssue(state, res, req.params.idOrKey);
      if (!issue || !mayEdit(state, res, issue)) return;
      const key = req.params.propertyKey;
      if (key.length > MAX_KEY_LENGTH) {
        return sendJiraError(res, 400, [
          `The property key cannot be longer than ${MAX_KEY_LENGTH} characters.`,
        ]);
      }
      const parsed = parseValue(req.body);
      if (!parsed.ok) return sendJiraError(res, 400, [parsed.message]);
      const properties = (issue.properties ??= {});
      const existed = Object.hasOwn(properties, key);
      // defineProperty: a key such as `__proto__` is just a key to Jira.
      Object.defineProperty(properties, key, {
        value: parsed.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      res.status(existed ? 200 : 201).end();
    },
  );

  router.delete(`${path}/:propertyKey`, (req, res) => {
    const issue = visibleIssue(state, res, req.params.idOrKey);
    if (!issue || !mayEdit(state, res, issue)) return;
    const key = req.params.propertyKey;
    if (!issue.properties || !Object.hasOwn(issue.properties, key)) {
      return sendJiraError(res, 404, [notFound(key)]);
    }
    delete issue.properties[key];
    res.status(204).end();
  });

  return router;
}
