import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { applyFaults, type FaultQueue } from './faults';
import type { InstallKeyPair } from './install-keys';
import { sendJiraError } from './jira-errors';
import { requireActor, resolveAuth } from './jwt-auth';
import { recordRequests } from './request-log';
import { avatarsRouter } from './routes/avatars';
import { controlRouter, type SimControl } from './routes/control';
import { fieldsRouter } from './routes/fields';
import { hostPageRouter } from './routes/host-page';
import { installKeysRouter } from './routes/install-keys';
import { issuesRouter } from './routes/issues';
import { permissionsRouter } from './routes/permissions';
import { privacyRouter } from './routes/privacy';
import { searchRouter } from './routes/search';
import { usersRouter } from './routes/users';

export interface SiteContext {
  sim: SimControl;
  keys: InstallKeyPair;
  faults: FaultQueue;
  now: () => number;
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
export function createSiteApp({ sim, keys, faults, now }: SiteContext): Express {
  const { state } = sim;
  const app = express();
  app.disable('x-powered-by');
  app.use(avatarsRouter(state));
  app.use(controlRouter(sim));

  app.use(recordRequests(state.requests, now));
  app.use(resolveAuth(state, now));
  app.use(applyFaults(faults));
  app.use(installKeysRouter(keys));
  app.use(['/rest', '/app'], requireActor);
  app.use(express.json());
  app.use(fieldsRouter(state));
  app.use(issuesRouter(state));
  app.use(usersRouter(state));
  app.use(permissionsRouter(state));
  app.use(searchRouter(state));
  app.use(privacyRouter(state));
  // The demo's Jira-like host page: issue list, the app in an iframe, a user switcher.
  app.use(hostPageRouter(state));

  app.use((req, res) => {
    sendJiraError(res, 404, [`The simulator has no ${req.method} ${req.path}.`]);
  });
  app.use(jiraErrorHandler);
  return app;
}
