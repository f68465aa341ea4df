import { Router, type Request, type Response } from 'express';
import { hasProjectPermission } from '../permission-model';
import { currentUser, hostUsers, issueView, summaryOf } from '../routes/host-page';
import { findIssue, findProject, type SimState } from '../sim-state';
import { MODULES } from './forge-app';
import type { ForgeSim } from './forge-sim';
import { renderForgeHostPage, type ForgeHostView } from './host-page-html';

const ROOM_ID = /^[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/;

/** Jira's theme state as getContext and enableTheming give it; `?theme=dark` picks dark. */
function themeOf(req: Request): Record<string, string> {
  const colorMode = req.query.theme === 'dark' ? 'dark' : 'light';
  return { colorMode, dark: 'dark', light: 'light', spacing: 'spacing', typography: 'typography' };
}

const projectExtension = (state: SimState, projectKey: string) => {
  const project = findProject(state, projectKey);
  return { id: project?.id ?? '', key: projectKey, type: 'software' };
};

/**
 * The Forge host page: `/forge` (project page of PROJ; `/forge/projects/<KEY>` for another),
 * `/forge/browse/<KEY>` (issue view with the issueContext panel) and `/forge/admin`, each with
 * `?user=<accountId>` (Alice by default) and `?theme=dark`. The Custom UI comes from the CDN
 * origin; host-script.ts answers its bridge calls as that person.
 */
export function forgeHostPageRouter(state: SimState, forge: ForgeSim): Router {
  const router = Router();

  const render = (
    req: Request,
    res: Response,
    view: ForgeHostView,
    module: { key: string; type: string } | null,
    extension: Record<string, unknown> = {},
    route: { base: string; path: string } | null = null,
  ) => {
    const accountId = currentUser(state, req);
    const actor = { kind: 'user' as const, accountId };
    const theme = themeOf(req);
    const context = module && {
      accountId,
      cloudId: state.cloudId,
      siteUrl: state.url,
      environmentId: forge.environmentId.slice(forge.environmentId.lastIndexOf('/') + 1),
      environmentType: 'DEVELOPMENT',
      localId: `${forge.appId}/${forge.environmentId}/static/${module.key}`,
      locale: 'en-US',
      moduleKey: module.key,
      timezone: 'Europe/Berlin',
      theme,
      surfaceColor: null,
      license: { active: true, type: 'DEVELOPMENT', isEvaluation: false },
      extension: { type: module.type, ...extension },
    };
    const issues = [...state.issues.values()]
      .filter((issue) => hasProjectPermission(state, actor, issue.projectKey, 'BROWSE_PROJECTS'))
      .map((issue) => ({
        key: issue.key,
        summary: summaryOf(issue),
        projectKey: issue.projectKey,
      }));
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(
        renderForgeHostPage({
          cdnUrl: forge.cdnUrl,
          installed: !!forge.installation,
          accountId,
          users: hostUsers(state),
          issues,
          view,
          context,
          theme,
          route,
        }),
      );
  };

  const projectPage = (req: Request, res: Response, projectKey: string, path = '/') => {
    const project = findProject(state, projectKey.toUpperCase());
    const accountId = currentUser(state, req);
    if (
      !project ||
      !hasProjectPermission(state, { kind: 'user', accountId }, project.key, 'BROWSE_PROJECTS')
    ) {
      return render(req, res, { kind: 'no-project', projectKey }, null);
    }
    render(
      req,
      res,
      { kind: 'rooms', projectKey: project.key, projectName: project.name },
      MODULES.rooms,
      { project: projectExtension(state, project.key) },
      // The Custom UI's own route (view.createHistory), kept in this page's URL as Jira does.
      { base: `/forge/projects/${project.key}`, path },
    );
  };

  router.get('/forge', (req, res) => projectPage(req, res, 'PROJ'));
  router.get('/forge/projects/:key', (req, res) => projectPage(req, res, req.params.key));
  router.get('/forge/projects/:key/room/:roomId', (req, res) => {
    const roomId = req.params.roomId;
    projectPage(req, res, req.params.key, ROOM_ID.test(roomId) ? `/room/${roomId}` : '/');
  });
  router.get('/forge/admin', (req, res) => render(req, res, { kind: 'admin' }, MODULES.admin));
  router.get('/forge/browse/:key', (req, res) => {
    const issue = findIssue(state, req.params.key);
    const accountId = currentUser(state, req);
    const visible =
      issue &&
      hasProjectPermission(state, { kind: 'user', accountId }, issue.projectKey, 'BROWSE_PROJECTS');
    if (!issue || !visible) {
      return render(req, res, { kind: 'hidden', issueKey: req.params.key }, null);
    }
    const view = issueView(state, issue);
    render(req, res, view, MODULES.issue, {
      issue: { id: issue.id, key: issue.key, type: 'Story', typeId: '10001' },
      project: projectExtension(state, issue.projectKey),
    });
  });
  return router;
}
