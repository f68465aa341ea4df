import express, { Router, type Response } from 'express';
import type { Fault, FaultPlan } from '../faults';
import { otherKeyPair } from '../install-keys';
import type { InstallOptions, InstallResult } from '../install';
import { findIssue, type SimState } from '../sim-state';

/** What the control API drives; the JiraSim object itself. */
export interface SimControl {
  url: string;
  clientKey: string;
  state: SimState;
  faults: FaultPlan;
  installKeyId: string;
  install(descriptorUrl: string, options?: InstallOptions): Promise<InstallResult>;
  uninstall(): Promise<{ status: number }>;
  contextToken(accountId: string, options?: { expiresInSec?: number }): string;
}

interface InstallBody extends InstallOptions {
  descriptorUrl?: unknown;
  /** Sign with a key no key server knows. */
  unknownKey?: boolean;
}

function notInstalled(res: Response): void {
  res.status(409).json({ error: 'No app is installed on this simulated site.' });
}

function parseFault(body: Record<string, unknown>): Fault | string {
  const { method, pathPrefix, status, times, retryAfterSec, delayMs } = body;
  if (typeof pathPrefix !== 'string') return 'pathPrefix must be a string';
  if (typeof status !== 'number') return 'status must be a number (0 = delay only)';
  return {
    pathPrefix,
    status,
    times: typeof times === 'number' ? times : 1,
    ...(typeof method === 'string' && { method }),
    ...(typeof retryAfterSec === 'number' && { retryAfterSec }),
    ...(typeof delayMs === 'number' && { delayMs }),
  };
}

/**
 * `/_sim/*`: the same operations tests call on the JiraSim object, as JSON over HTTP, so another
 * process (the local demo, multi-process suites) can drive the site. Never authenticated: a
 * simulator is never reachable from the internet.
 */
export function controlRouter(sim: SimControl): Router {
  const router = Router();
  const { state } = sim;
  router.use('/_sim', express.json());

  router.get('/_sim/info', (_req, res) => {
    res.json({
      clientKey: sim.clientKey,
      url: sim.url,
      installed: !!state.installation,
      appKey: state.installation?.appKey ?? null,
      appBaseUrl: state.installation?.appBaseUrl ?? null,
      installKeyId: sim.installKeyId,
      users: [...state.users.values()].map(({ accountId, displayName, role }) => ({
        accountId,
        displayName,
        role,
        active: !state.closedAccounts.has(accountId),
      })),
    });
  });

  router.post('/_sim/install', async (req, res) => {
    const { descriptorUrl, unknownKey, ...options } = (req.body ?? {}) as InstallBody;
    if (typeof descriptorUrl !== 'string') {
      return res.status(400).json({ error: 'descriptorUrl is required' });
    }
    if (unknownKey) options.privateKeyPem = otherKeyPair().privateKeyPem;
    try {
      res.json(await sim.install(descriptorUrl, options));
    } catch (error) {
      res.status(502).json({ error: (error as Error).message });
    }
  });

  router.post('/_sim/uninstall', async (_req, res) => {
    if (!state.installation) return notInstalled(res);
    try {
      res.json(await sim.uninstall());
    } catch (error) {
      res.status(502).json({ error: (error as Error).message });
    }
  });

  router.post('/_sim/token', (req, res) => {
    const { accountId, expiresInSec } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof accountId !== 'string')
      return res.status(400).json({ error: 'accountId is required' });
    if (!state.installation) return notInstalled(res);
    const options = typeof expiresInSec === 'number' ? { expiresInSec } : {};
    res.json({ token: sim.contextToken(accountId, options) });
  });

  router.get('/_sim/requests', (_req, res) => {
    res.json(state.requests);
  });
  router.delete('/_sim/requests', (_req, res) => {
    state.requests.length = 0;
    res.status(204).end();
  });

  router.get('/_sim/faults', (_req, res) => {
    res.json(sim.faults.pending);
  });
  router.post('/_sim/faults', (req, res) => {
    const fault = parseFault((req.body ?? {}) as Record<string, unknown>);
    if (typeof fault === 'string') return res.status(400).json({ error: fault });
    sim.faults.add(fault);
    res.status(204).end();
  });
  router.delete('/_sim/faults', (_req, res) => {
    sim.faults.clear();
    res.status(204).end();
  });

  router.get('/_sim/issues/:key', (req, res) => {
    const issue = findIssue(state, req.params.key);
    if (!issue) return res.status(404).json({ error: `No issue ${req.params.key}` });
    res.json(issue);
  });
  router.delete('/_sim/issues/:key', (req, res) => {
    const issue = findIssue(state, req.params.key);
    if (!issue) return res.status(404).json({ error: `No issue ${req.params.key}` });
    state.issues.delete(issue.key);
    res.status(204).end();
  });

  router.post('/_sim/accounts/:accountId/close', (req, res) => {
    state.closedAccounts.add(req.params.accountId);
    res.status(204).end();
  });

  // Keeps typos in control calls out of the Jira request log.
  router.use('/_sim', (req, res) => {
    res.status(404).json({ error: `No control endpoint ${req.method} /_sim${req.path}` });
  });

  return router;
}
