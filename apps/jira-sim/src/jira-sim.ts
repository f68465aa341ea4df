import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaultPlan, type FaultPlan } from './faults';
import { startCdn } from './forge/cdn';
import { createForgeSim, type ForgeSim, type ForgeSimOptions } from './forge/forge-sim';
import { generateSigningKey } from './forge/jwt';
import {
  installApp,
  lifecycleClaims,
  uninstallApp,
  type InstallOptions,
  type InstallResult,
} from './install';
import { generateInstallKeys, signInstallToken, type InstallKeyPair } from './install-keys';
import type { RecordedRequest } from './request-log';
import type { SimControl } from './routes/control';
import { createSiteApp } from './site-app';
import { appToken, contextToken } from './site-tokens';
import type { SimIssue } from './sim-records';
import { createSimState, findIssue, type SimState } from './sim-state';
import { openStateFile, savingAfterChanges, type StateFile } from './state-file';

export interface JiraSimOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** The site's clientKey; random by default, so two simulators are two tenants. */
  clientKey?: string;
  /** The base URL the app should use when it differs from host:port (e.g. inside Docker). */
  url?: string;
  /** Data-residency location (e.g. 'EU'): install goes to the descriptor's regionBaseUrls entry. */
  location?: string;
  /** Clock in milliseconds, for token times and expiry checks. */
  now?: () => number;
  /**
   * The install-key pair to sign with. Atlassian has one key server for every site, so tests
   * with several sites pass one pair to all of them (any site's /install-keys then serves it).
   */
  installKeys?: InstallKeyPair;
  /** The site's cloudId; random by default (a fixed one keeps the demo's Forge tenant). */
  cloudId?: string;
  /** The Forge platform's side: app/installation ids, CDN port, Custom UI folder. */
  forge?: ForgeSimOptions;
  /**
   * A JSON file that keeps the site's issues, history, projects, boards and sprints across a
   * restart (the demo's ./.data); written after every change. None by default (tests).
   */
  stateFile?: string;
}

export interface JiraSim extends SimControl {
  url: string;
  clientKey: string;
  state: SimState;
  faults: FaultPlan;
  /** Every call made to the site's Jira endpoints and install-key server, oldest first. */
  readonly requests: RecordedRequest[];
  installKeyId: string;
  installPublicKeyPem: string;
  install(descriptorUrl: string, options?: InstallOptions): Promise<InstallResult>;
  uninstall(options?: InstallOptions): Promise<{ status: number }>;
  /** The iframe's context token for a person (negative expiresInSec yields an expired one). */
  contextToken(accountId: string, options?: { expiresInSec?: number }): string;
  /** A token as the installed app would sign it for this request (path from the site root). */
  appToken(method: string, pathWithQuery: string): string;
  /** Signs install claims with the site's key (or the given kid/key) for attack tests. */
  signInstallToken(claims: object, options?: { kid?: string; privateKeyPem?: string }): string;
  /** The correct install-token claims for a POST to `lifecycleUrl` of an app at `appBaseUrl`. */
  lifecycleClaims(appBaseUrl: string, lifecycleUrl: string): Record<string, unknown>;
  issue(key: string): SimIssue | undefined;
  /** Forge: JWKS, FITs, OAuth tokens, install/upgrade/uninstall, triggers, invokeRemote. */
  forge: ForgeSim;
  /** Whether the site started from `stateFile` rather than the seed. */
  restored: boolean;
  close(): Promise<void>;
}

/** Starts one simulated Jira Cloud site on its own port. */
export async function startJiraSim(options: JiraSimOptions = {}): Promise<JiraSim> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const nowSec = () => Math.floor(now() / 1000);
  const clientKey = options.clientKey ?? randomUUID();
  const keys = options.installKeys ?? (await generateInstallKeys());
  const state = createSimState(clientKey, '', options.cloudId);
  const stateFile: StateFile | undefined = options.stateFile
    ? openStateFile(state, options.stateFile)
    : undefined;
  const faults = createFaultPlan();
  const site = { state, keys, now, location: options.location };
  // Two keys: the FIT key (in the JWKS) and the OAuth token key (known to the site only).
  // Forge signs every site's FITs with one key set (its JWKS): tests with several sites pass one.
  const [fitKey, oauthKey] = await Promise.all([
    options.forge?.fitKey ?? generateSigningKey(),
    generateSigningKey(),
  ]);
  const cdn = await startCdn({
    host,
    port: options.forge?.cdnPort,
    dir: options.forge?.customUiDir,
  });
  const forge = createForgeSim({
    state,
    fitKey,
    oauthKey,
    now,
    options: options.forge ?? {},
    cdnUrl: () => cdn.url,
  });

  const sim: JiraSim = {
    url: '',
    clientKey,
    state,
    faults,
    get requests() {
      return state.requests;
    },
    installKeyId: keys.kid,
    installPublicKeyPem: keys.publicKeyPem,
    install: (descriptorUrl, installOptions) => installApp(site, descriptorUrl, installOptions),
    uninstall: (installOptions) => uninstallApp(site, installOptions),
    contextToken: (accountId, tokenOptions) =>
      contextToken(state, accountId, nowSec(), tokenOptions?.expiresInSec),
    appToken: (method, pathWithQuery) => appToken(state, method, pathWithQuery, nowSec()),
    signInstallToken: (claims, signOptions) =>
      signInstallToken(claims, {
        kid: signOptions?.kid ?? keys.kid,
        privateKeyPem: signOptions?.privateKeyPem ?? keys.privateKeyPem,
      }),
    lifecycleClaims: (appBaseUrl, lifecycleUrl) => lifecycleClaims(site, appBaseUrl, lifecycleUrl),
    issue: (key) => findIssue(state, key),
    forge,
    restored: stateFile?.restored ?? false,
    close: () => Promise.resolve(),
  };

  const app = createSiteApp({ sim, keys, faults, now, forge });
  const server = createServer(stateFile ? savingAfterChanges(app, stateFile) : app);
  server.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  }).catch(async (error: unknown) => {
    await cdn.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  sim.url = (options.url ?? `http://${hostInUrl}:${port}`).replace(/\/+$/, '');
  state.url = sim.url;
  const closeSite = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Keep-alive connections from fetch would otherwise hold the server open.
      server.closeAllConnections();
    });
  sim.close = async () => {
    await Promise.all([closeSite(), cdn.close()]);
    stateFile?.flush();
  };
  return sim;
}
