import { randomBytes, randomUUID } from 'node:crypto';
import { createQueryStringHash, fromMethodAndUrl } from 'atlassian-jwt';
import { connectIndex } from './entity-property-index';
import { signInstallToken, type InstallKeyPair } from './install-keys';
import { SEED_USERS } from './seed';
import type { SimState } from './sim-state';

/** Knobs for attack tests: change the claims, the key or the payload Jira would send. */
export interface InstallOptions {
  /** Merged over the correct claims (e.g. `{ aud: 'https://elsewhere' }`, `{ exp: 0 }`). */
  claims?: Record<string, unknown>;
  kid?: string;
  /** Sign with this key instead of the site's (e.g. `otherKeyPair().privateKeyPem`). */
  privateKeyPem?: string;
  /** Merged over the correct payload. */
  payload?: Record<string, unknown>;
}

export interface InstallResult {
  status: number;
  sharedSecret: string;
  /** What the app answered, for failing tests to print. */
  responseBody: string;
}

interface Descriptor {
  key: string;
  baseUrl: string;
  regionBaseUrls?: Record<string, string>;
  lifecycle: { installed: string; uninstalled?: string };
  modules?: Record<string, unknown>;
}

export interface LifecycleSite {
  state: SimState;
  keys: InstallKeyPair;
  now: () => number;
  /** The data-residency location the site is pinned to, matched against regionBaseUrls. */
  location?: string;
}

function joinUrl(baseUrl: string, path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

async function fetchDescriptor(descriptorUrl: string): Promise<Descriptor> {
  const response = await fetch(descriptorUrl, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`Descriptor ${descriptorUrl} answered ${response.status}.`);
  const descriptor = (await response.json()) as Partial<Descriptor>;
  if (
    typeof descriptor.key !== 'string' ||
    typeof descriptor.baseUrl !== 'string' ||
    typeof descriptor.lifecycle?.installed !== 'string'
  ) {
    throw new Error(`Descriptor ${descriptorUrl} lacks key, baseUrl or lifecycle.installed.`);
  }
  return descriptor as Descriptor;
}

/**
 * The claims of a correct install token for a POST to `lifecycleUrl`: the site as issuer, the
 * app's base URL as audience, and the qsh of the path relative to that base URL.
 */
export function lifecycleClaims(site: LifecycleSite, appBaseUrl: string, lifecycleUrl: string) {
  const nowSec = Math.floor(site.now() / 1000);
  return {
    iss: site.state.clientKey,
    sub: SEED_USERS.alice.accountId,
    aud: appBaseUrl,
    qsh: createQueryStringHash(fromMethodAndUrl('POST', lifecycleUrl), false, appBaseUrl),
    iat: nowSec,
    exp: nowSec + 180,
    // Each token is unique (the app refuses a replayed one; two calls in one second would
    // otherwise sign identical claims).
    jti: randomUUID(),
  };
}

async function postLifecycle(
  site: LifecycleSite,
  url: string,
  appBaseUrl: string,
  payload: object,
  options: InstallOptions,
): Promise<{ status: number; responseBody: string }> {
  const claims = { ...lifecycleClaims(site, appBaseUrl, url), ...options.claims };
  const token = signInstallToken(claims, {
    kid: options.kid ?? site.keys.kid,
    privateKeyPem: options.privateKeyPem ?? site.keys.privateKeyPem,
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `JWT ${token}` },
    body: JSON.stringify({ ...payload, ...options.payload }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, responseBody: await response.text() };
}

function lifecyclePayload(
  state: SimState,
  appKey: string,
  sharedSecret: string,
  eventType: string,
) {
  return {
    key: appKey,
    clientKey: state.clientKey,
    sharedSecret,
    baseUrl: state.url,
    displayUrl: state.url,
    productType: 'jira',
    description: 'Atlassian JIRA at ' + state.url,
    serviceEntitlementNumber: '0',
    eventType,
    serverVersion: '100288',
    pluginsVersion: '1001.0.0-SNAPSHOT',
    cloudId: state.cloudId,
  };
}

/**
 * Installs the app the way Jira does: reads its descriptor, then POSTs the `installed` hook with
 * a fresh shared secret and a signed install token. The site keeps the installation only when
 * the app accepted it (2xx).
 */
export async function installApp(
  site: LifecycleSite,
  descriptorUrl: string,
  options: InstallOptions = {},
): Promise<InstallResult> {
  const descriptor = await fetchDescriptor(descriptorUrl);
  // Data residency: a pinned site installs into the zone the descriptor names for its location.
  const appBaseUrl =
    (site.location && descriptor.regionBaseUrls?.[site.location]) || descriptor.baseUrl;
  const sharedSecret = randomBytes(32).toString('base64url');
  const url = joinUrl(appBaseUrl, descriptor.lifecycle.installed);
  const payload = lifecyclePayload(site.state, descriptor.key, sharedSecret, 'installed');
  const { status, responseBody } = await postLifecycle(site, url, appBaseUrl, payload, options);
  if (status >= 200 && status < 300) {
    site.state.installation = {
      appKey: descriptor.key,
      sharedSecret,
      appBaseUrl,
      lifecycle: descriptor.lifecycle,
      // JQL indexing of the app's entity properties; it ends with the installation (the
      // property values themselves stay on the issues).
      indexedProperties: connectIndex(descriptor),
    };
  }
  return { status, sharedSecret, responseBody };
}

/**
 * Uninstalls: POSTs the `uninstalled` hook (status 0 when the app declares none) and forgets the
 * installation whatever the app answers, as Jira does.
 */
export async function uninstallApp(
  site: LifecycleSite,
  options: InstallOptions = {},
): Promise<{ status: number }> {
  const installation = site.state.installation;
  if (!installation) throw new Error('No app is installed on this simulated site.');
  delete site.state.installation;
  const hook = installation.lifecycle?.uninstalled;
  if (!hook || !installation.appBaseUrl) return { status: 0 };
  const url = joinUrl(installation.appBaseUrl, hook);
  const payload = lifecyclePayload(
    site.state,
    installation.appKey,
    installation.sharedSecret,
    'uninstalled',
  );
  const { status } = await postLifecycle(site, url, installation.appBaseUrl, payload, options);
  return { status };
}
