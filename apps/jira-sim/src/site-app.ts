import express, {
  Router,
  type Express,
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import { applyFaults, type FaultQueue } from './faults';
import { exJiraGate, forgeControlRouter, jwksRouter } from './forge/forge-routes';
import type { ForgeSim } from './forge/forge-sim';
import { forgeHostPageRouter } from './forge/host-page';
import type { InstallKeyPair } from './install-keys';
import { sendJiraError } from './jira-errors';
import { requireActor, requireBearer, resolveAuth } from './jwt-auth';
import { recordRequests } from './request-log';
import { agileRouter } from './routes/agile';
import { avatarsRouter } from './routes/avatars';
import { controlRouter, type SimControl } from './routes/control';
import { fieldsRouter } from './routes/fields';
import { hostPageRouter } from './routes/host-page';
import { installKeysRouter } from './routes/install-keys';
import { issuesRouter } from './routes/issues';
import { myPermissionsRouter } from './routes/my-permissions';
import { permissionsRouter } from './routes/permissions';
import { planningControlRouter } from './routes/planning-control';
import { privacyRouter } from './routes/privacy';
import { projectsRouter } from './routes/projects';
import { propertiesRouter } from './routes/properties';
import { searchRouter } from './routes/search';
import { timeTrackingRouter } from './routes/time-tracking';
import { usersRouter } from './routes/users';
import type { SimState } from './sim-state';

export interface SiteContext {
  sim: SimControl;
  keys: InstallKeyPair;
  faults: FaultQueue;
  now: () => number;
  forge: ForgeSim;
}

/** Body-parser and unexpected errors, answered in Jira's error shape. */
function jiraErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(error);
  const status = (error as { status?: number }).status ?? 500;
  const message =
    status === 400 ? 'The request body is not valid JSON.' : `Internal error: ${String(error)}`;
  sendJiraError(res, status, [message]);
}

/**
 * One simulated Jira Cloud site. The control API and avatars sit outside "Jira"; everything
 * after them is recorded, subject to planned faults, and authenticated like Jira Cloud.
 */
/** Jira's REST API (and the privacy API): on the site root and under a Forge apiBaseUrl. */
function jiraRestRouter(state: SimState, now: () => number): Router {
  const router = Router();
  // Entity properties read their own bodies (any JSON value), so they come before the parser.
  router.use(propertiesRouter(state));
  router.use(express.json());
  router.use(fieldsRouter(state));
  router.use(issuesRouter(state, now));
  router.use(usersRouter(state));
  router.use(permissionsRouter(state));
  router.use(myPermissionsRouter(state));
  router.use(searchRouter(state));
  router.use(privacyRouter(state));
  router.use(projectsRouter(state));
  router.use(timeTrackingRouter(state));
  router.use(agileRouter(state));
  return router;
}

export function createSiteApp({ sim, keys, faults, now, forge }: SiteContext): Express {
  const { state } = sim;
  const app = express();
  app.disable('x-powered-by');
  app.use(avatarsRouter(state));
  // Atlassian's JWKS lives on its CDN, not on a site: not recorded as a Jira call.
  app.use(jwksRouter(forge));
  app.use(forgeControlRouter(forge));
  app.use(planningControlRouter(state));
  app.use(controlRouter(sim));

  app.use(recordRequests(state.requests, now));
  app.use(resolveAuth(state, now, (token) => forge.verifyBearer(token)));
  app.use(applyFaults(faults));
  app.use(installKeysRouter(keys));
  app.use(['/rest', '/app'], requireActor);
  // The FIT's apiBaseUrl (api.atlassian.com/ex/jira/<cloudId> in production): OAuth only.
  app.use('/ex/jira/:cloudId', exJiraGate(state), requireBearer, jiraRestRouter(state, now));
  app.use(jiraRestRouter(state, now));
  // The demo's Jira-like host pages: issue list, the app in an iframe, a user switcher.
  app.use(forgeHostPageRouter(state, forge));
  app.use(hostPageRouter(state));

  app.use((req, res) => {
    sendJiraError(res, 404, [`The simulator has no ${req.method} ${req.path}.`]);
  });
  app.use(jiraErrorHandler);
  return app;
}
