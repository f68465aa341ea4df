import { randomUUID } from 'node:crypto';
import type { IndexedPropertyPath } from '../sim-records';

/**
 * The names our manifest uses (docs/FORGE.md). The simulator plays the platform for exactly
 * this app, so the module and endpoint keys are fixed here rather than read from manifest.yml.
 */
export const MODULES = {
  rooms: { key: 'poker-rooms', type: 'jira:projectPage' },
  issue: { key: 'poker-issue', type: 'jira:issueContext' },
  admin: { key: 'poker-admin', type: 'jira:adminPage' },
  lifecycle: { key: 'poker-lifecycle', type: 'core:trigger' },
  preUninstall: { key: 'poker-pre-uninstall', type: 'core:preUninstall' },
  daily: { key: 'poker-daily', type: 'core:scheduledTrigger' },
} as const;

export type UiModuleKey = (typeof MODULES)['rooms' | 'issue' | 'admin']['key'];

/** A manifest `endpoint`: where on the remote it lands and which OAuth tokens ride along. */
export interface ForgeEndpoint {
  route: string;
  appUserToken: boolean;
  appSystemToken: boolean;
}

export const DEFAULT_ENDPOINTS: Readonly<Record<string, ForgeEndpoint>> = {
  'session-ep': { route: '/forge/session', appUserToken: true, appSystemToken: false },
  'lifecycle-ep': { route: '/forge/lifecycle', appUserToken: false, appSystemToken: true },
  'jobs-ep': { route: '/forge/jobs/daily', appUserToken: false, appSystemToken: true },
};

/** Every Custom UI module of ours names `session-ep` as its resolver endpoint. */
export const UI_ENDPOINT = 'session-ep';

/** The app as the platform knows it on this site (ids are ARIs, as in the FIT). */
export interface ForgeIdentity {
  /** `ari:cloud:ecosystem::app/<uuid>`: the FIT `aud` and `app.id`. */
  appId: string;
  /** `ari:cloud:ecosystem::installation/<uuid>`; changes with every install, as on Forge. */
  installationId: string;
  environmentId: string;
  environmentType: 'DEVELOPMENT' | 'STAGING' | 'PRODUCTION';
  appVersion: string;
}

/** What `forge.install()` left on the site; absent until then and after uninstall. */
export interface ForgeInstallation {
  remoteBaseUrl: string;
  installerAccountId: string;
  endpoints: Record<string, ForgeEndpoint>;
  installedAt: number;
  /** The manifest's `jira:entityProperty` values: what JQL may search (manifest-index.ts). */
  indexedProperties?: IndexedPropertyPath[];
}

export const appAri = (uuid: string = randomUUID()) => `ari:cloud:ecosystem::app/${uuid}`;
export const installationAri = (uuid: string = randomUUID()) =>
  `ari:cloud:ecosystem::installation/${uuid}`;
export const environmentAri = (uuid: string = randomUUID()) =>
  `ari:cloud:ecosystem::environment/${uuid}`;

/** The uuid at the end of an ARI (life-cycle payloads carry bare ids). */
export const ariId = (ari: string) => ari.slice(ari.lastIndexOf('/') + 1);
