/**
 * The Forge front door's names (docs/FORGE.md): the manifest (apps/forge/manifest.yml), the
 * server's Forge routes, the client's page choice and the simulator all use these. A test
 * (apps/forge/src/manifest.spec.ts) holds the manifest to them.
 */

/** Routes our server serves for Forge; each is the `route.path` of one manifest endpoint. */
export const FORGE_ROUTES = {
  /** Custom UI → `invokeRemote`: answers a {@link ForgeSessionAnswer} (endpoint `session-ep`). */
  session: '/forge/session',
  /** Install/upgrade trigger and preUninstall (endpoint `lifecycle-ep`). */
  lifecycle: '/forge/lifecycle',
  /** The daily scheduled trigger (endpoint `jobs-ep`). */
  jobsDaily: '/forge/jobs/daily',
} as const;

export type ForgeRoute = (typeof FORGE_ROUTES)[keyof typeof FORGE_ROUTES];

/**
 * Manifest module keys. The Custom UI reads `view.getContext().moduleKey` to pick its page;
 * the server reads the FIT's `app.module.key` (e.g. to recognise the pre-uninstall call).
 */
export const FORGE_MODULE_KEYS = {
  /** `jira:projectPage`: the rooms. */
  rooms: 'poker-rooms',
  /** `jira:issueContext`: estimate from the issue view. */
  issue: 'poker-issue',
  /** `jira:adminPage` (`useAsConfig`): the estimate field. */
  admin: 'poker-admin',
  /** `trigger`: `avi:forge:installed:app` and `avi:forge:upgraded:app`. */
  lifecycle: 'poker-lifecycle',
  /** `preUninstall`. */
  preUninstall: 'poker-pre-uninstall',
  /** `scheduledTrigger`, `interval: day`. */
  daily: 'poker-daily',
} as const;

export type ForgeModuleKey = (typeof FORGE_MODULE_KEYS)[keyof typeof FORGE_MODULE_KEYS];

/** Endpoint module keys and the remote key of the manifest. */
export const FORGE_ENDPOINT_KEYS = {
  session: 'session-ep',
  lifecycle: 'lifecycle-ep',
  jobs: 'jobs-ep',
} as const;

export const FORGE_REMOTE_KEY = 'poker-remote';

/** Lifecycle events the `poker-lifecycle` trigger subscribes to. */
export const FORGE_LIFECYCLE_EVENTS = [
  'avi:forge:installed:app',
  'avi:forge:upgraded:app',
] as const;

/** The answer of `POST /forge/session` (docs/FORGE.md). */
export interface ForgeSessionAnswer {
  /** Our session token (HS256 JWT with `exp`): socket `auth.token`, `/api/*` `Bearer`. */
  token: string;
  /** When `token` expires, ISO date-time (the server's clock); the token's `exp` agrees. */
  expiresAt: string;
  /** The person, from the FIT's `principal`. */
  accountId: string;
  /** Origin (or base URL) of the deployment serving this site: Socket.IO and `/api/*`. */
  socketUrl: string;
}
