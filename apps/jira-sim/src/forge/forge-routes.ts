import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { sendJiraError } from '../jira-errors';
import type { SimState } from '../sim-state';
import { generateSigningKey } from './jwt';
import type { FitOptions } from './fit';
import type { ForgeSim } from './forge-sim';

/** `GET /forge/.well-known/jwks.json`: the FIT key, as Atlassian's JWKS publishes its keys. */
export function jwksRouter(forge: ForgeSim): Router {
  const router = Router();
  router.get('/forge/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=60').json(forge.jwks());
  });
  return router;
}

/**
 * The gate of `/ex/jira/:cloudId` (the FIT's apiBaseUrl, like api.atlassian.com/ex/jira/…):
 * another site's cloudId is a 404, and only OAuth Bearer tokens get through (see requireBearer).
 */
export function exJiraGate(state: SimState) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.params.cloudId !== state.cloudId) {
      return sendJiraError(res, 404, [`No site with cloudId ${String(req.params.cloudId)}.`]);
    }
    next();
  };
}

type Body = Record<string, unknown>;

const errorOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * `/_sim/forge/*`: the JiraSim forge operations as JSON over HTTP (the demo, other processes)
 * and the calls the Forge host page makes for the bridge (invokeRemote, requestJira), which
 * Forge itself would proxy. Unauthenticated like every `/_sim` route.
 */
export function forgeControlRouter(forge: ForgeSim): Router {
  const router = Router();
  router.use('/_sim/forge', express.json());
  const run = (action: (body: Body) => unknown) => async (req: Request, res: Response) => {
    try {
      res.json(await action((req.body ?? {}) as Body));
    } catch (error) {
      res.status(502).json({ error: errorOf(error) });
    }
  };

  router.get('/_sim/forge/info', (_req, res) => {
    res.json({
      appId: forge.appId,
      installationId: forge.installationId,
      jwksUrl: forge.jwksUrl,
      apiBaseUrl: forge.apiBaseUrl,
      cdnUrl: forge.cdnUrl,
      installed: !!forge.installation,
      installation: forge.installation ?? null,
    });
  });
  router.post('/_sim/forge/install', (req, res, next) => {
    if (typeof (req.body as Body | undefined)?.remoteBaseUrl !== 'string') {
      res.status(400).json({ error: 'remoteBaseUrl is required' });
      return;
    }
    next();
  });
  router.post(
    '/_sim/forge/install',
    run((body) => forge.install(body as unknown as Parameters<ForgeSim['install']>[0])),
  );
  router.post(
    '/_sim/forge/upgrade',
    run((body) => forge.upgrade(body)),
  );
  router.post(
    '/_sim/forge/uninstall',
    run((body) => forge.uninstall(body)),
  );
  router.post(
    '/_sim/forge/daily-trigger',
    run((body) => forge.runDailyTrigger(body)),
  );
  router.post(
    '/_sim/forge/fit',
    run(async (body) => {
      const { otherKey, ...options } = body as FitOptions & { otherKey?: boolean };
      // A key the JWKS does not list: the token must be refused.
      if (otherKey) options.privateKey = (await generateSigningKey()).privateKey;
      return { token: forge.fit(options) };
    }),
  );
  router.post(
    '/_sim/forge/tokens/user',
    run((body) => {
      if (typeof body.accountId !== 'string') throw new Error('accountId is required');
      const expiresInSec = typeof body.expiresInSec === 'number' ? body.expiresInSec : undefined;
      return { token: forge.userToken(body.accountId, { expiresInSec }) };
    }),
  );
  router.post(
    '/_sim/forge/tokens/system',
    run((body) => {
      const expiresInSec = typeof body.expiresInSec === 'number' ? body.expiresInSec : undefined;
      return { token: forge.systemToken({ expiresInSec }) };
    }),
  );
  // The host page's bridge calls (see host-script.ts). The answers are the bridge's shapes.
  router.post(
    '/_sim/forge/invoke-remote',
    run((body) => {
      const { accountId, ...request } = body;
      if (typeof accountId !== 'string') throw new Error('accountId is required');
      return forge.invokeRemoteAnswer(
        accountId,
        request as unknown as Parameters<ForgeSim['invokeRemote']>[1],
      );
    }),
  );
  router.post(
    '/_sim/forge/fetch-product',
    run((body) => {
      const { accountId, restPath, fetchRequestInit } = body;
      if (typeof accountId !== 'string' || typeof restPath !== 'string') {
        throw new Error('accountId and restPath are required');
      }
      return forge.fetchProduct(accountId, restPath, fetchRequestInit ?? {});
    }),
  );
  return router;
}
