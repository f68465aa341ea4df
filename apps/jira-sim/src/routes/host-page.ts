import { Router, type Request, type Response } from 'express';
import { userJson } from '../jira-json';
import { SEED_USERS } from '../seed';
import type { SimIssue } from '../sim-records';
import { findIssue, findProject, type SimState } from '../sim-state';
import type { HostIssue, HostIssueView } from './host-page-chrome';
import { renderHostPage, type HostView } from './host-page-html';

export function summaryOf(issue: SimIssue): string {
  return typeof issue.fields.summary === 'string' ? issue.fields.summary : '';
}

function plainText(node: unknown): string {
  if (!node || typeof node !== 'object') return '';
  const { type, text, content } = node as { type?: string; text?: string; content?: unknown[] };
  if (type === 'text') return text ?? '';
  const inner = (content ?? []).map(plainText).join('');
  return type === 'paragraph' ? `${inner}\n` : inner;
}

/** Everyone in the user switcher. */
export function hostUsers(state: SimState) {
  return [...state.users.keys()].flatMap((accountId) => {
    const user = userJson(state, accountId);
    return user
      ? [{ accountId, displayName: user.displayName, avatarUrl: user.avatarUrls['24x24'] }]
      : [];
  });
}

/** The person this window acts as: `?user=<accountId>`, Alice (the site admin) by default. */
export function currentUser(state: SimState, req: Request): string {
  const asked = typeof req.query.user === 'string' ? req.query.user : '';
  return state.users.has(asked) ? asked : SEED_USERS.alice.accountId;
}

function render(state: SimState, req: Request, res: Response, view: HostView): void {
  const issues: HostIssue[] = [...state.issues.values()].map((issue) => ({
    key: issue.key,
    summary: summaryOf(issue),
    projectKey: issue.projectKey,
  }));
  const users = hostUsers(state);
  res
    .type('html')
    .set('Cache-Control', 'no-store')
    .send(
      renderHostPage({
        appBaseUrl: state.installation?.appBaseUrl ?? null,
        accountId: currentUser(state, req),
        users,
        issues,
        view,
      }),
    );
}

export function issueView(state: SimState, issue: SimIssue): HostIssueView {
  const project = findProject(state, issue.projectKey);
  const assignee = typeof issue.fields.assignee === 'string' ? issue.fields.assignee : null;
  const estimateField = project?.editScreen.find((id) => id.startsWith('customfield_'));
  const estimate = estimateField ? issue.fields[estimateField] : null;
  return {
    kind: 'issue',
    issueKey: issue.key,
    projectKey: issue.projectKey,
    projectName: project?.name ?? issue.projectKey,
    summary: summaryOf(issue),
    description: plainText(issue.fields.description).trim(),
    assignee: assignee ? (userJson(state, assignee)?.displayName ?? null) : null,
    estimate: typeof estimate === 'number' ? estimate : null,
  };
}

/**
 * A small Jira-like host page for the local demo: an issue list, the app in an iframe at the
 * installed app's URLs, and a user switcher. It answers the app's bridge requests (see
 * host-page-script.ts) as Jira's all.js would: tokens and REST calls as the chosen person.
 */
export function hostPageRouter(state: SimState): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const roomId = typeof req.query.roomId === 'string' ? req.query.roomId : null;
    render(state, req, res, { kind: 'rooms', roomId });
  });
  router.get('/browse/:key', (req, res) => {
    const issue = findIssue(state, req.params.key);
    if (!issue) return render(state, req, res, { kind: 'missing', issueKey: req.params.key });
    render(state, req, res, issueView(state, issue));
  });
  router.get('/admin', (req, res) => render(state, req, res, { kind: 'admin' }));
  return router;
}
