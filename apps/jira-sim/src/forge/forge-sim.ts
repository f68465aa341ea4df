import { SEED_USERS } from '../seed';
import type { IndexedPropertyPath } from '../sim-records';
import type { SimState } from '../sim-state';
import {
  DEFAULT_ENDPOINTS,
  MODULES,
  UI_ENDPOINT,
  appAri,
  ariId,
  environmentAri,
  installationAri,
  type ForgeEndpoint,
  type ForgeIdentity,
  type ForgeInstallation,
} from './forge-app';
import { fitClaims, mintFit, type FitOptions, type FitSite } from './fit';
import { readManifestIndex } from './manifest-index';
import { publicJwk, publicKeyPem, type SigningKey } from './jwt';
import { mintOAuthToken, verifyOAuthToken, type BearerVerdict, type OAuthSite } from './oauth';
import {
  EVENT_RETRIES,
  EVENT_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  callRemote,
  deliverEvent,
  type Delivery,
} from './remote-calls';

export interface ForgeSimOptions {
  /** `ari:cloud:ecosystem::app/<uuid>`; random by default. */
  appId?: string;
  /** `ari:cloud:ecosystem::installation/<uuid>`; random by default. */
  installationId?: string;
  /** The CDN's port (0, the default, picks a free one). */
  cdnPort?: number;
  /** The built Custom UI; default `<repo>/apps/forge/static/client`. */
  customUiDir?: string;
  /** The manifest whose `jira:entityProperty` modules install() indexes; default `<repo>/apps/forge/manifest.yml`. */
  manifestPath?: string;
  /** First delay between event retries (doubling); 50 ms by default. */
  retryDelayMs?: number;
  /**
   * The FIT signing key. Forge has one JWKS for every site, so tests with several sites of one
   * app pass the same key (and appId) to each; random by default.
   */
  fitKey?: SigningKey;
}

/** Knobs shared by every event/trigger delivery, for attack and failure tests. */
export interface ForgeEventOptions {
  /** Merged into the FIT options of every attempt. */
  fit?: FitOptions;
  /** Merged over the body Forge would send. */
  payload?: Record<string, unknown>;
  /** Retries after a 5xx/timeout (Forge: 4). */
  retries?: number;
  /** Leave out the x-forge-oauth-system header. */
  withoutSystemToken?: boolean;
}

export interface ForgeInstallOptions extends ForgeEventOptions {
  /** The remote's base URL (the manifest's `remotes[].baseUrl`). */
  remoteBaseUrl: string;
  appId?: string;
  installationId?: string;
  /** Alice (the site admin) by default. */
  installerAccountId?: string;
  appVersion?: string;
  endpoints?: Record<string, ForgeEndpoint>;
  /** The indexed property paths, instead of reading them from the manifest. */
  indexedProperties?: IndexedPropertyPath[];
}

export interface ForgeUpgradeOptions extends ForgeEventOptions {
  appVersion?: string;
  upgraderAccountId?: string;
}

/** What `@forge/bridge`'s invokeRemote takes, plus which module/endpoint it comes from. */
export interface InvokeRemoteRequest {
  path: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The module's resolver endpoint; `session-ep` (ours for every UI module) by default. */
  endpointKey?: string;
  /** The UI module making the call; `poker-rooms` by default. */
  moduleKey?: string;
  /** `context.extension` of the FIT (issue/project of the module). */
  extension?: Record<string, unknown>;
  /** Merged into the FIT options (attack tests). */
  fit?: FitOptions;
}

/** The bridge's answer to `invoke` (ui-remote-fetch): success with payload, or error. */
export interface RemoteInvokeAnswer {
  success: boolean;
  payload?: RemoteInvokeResponse;
  error?: RemoteInvokeResponse;
}

/** `headers` values are arrays on the wire; the bridge joins them with ','. */
export interface RemoteInvokeResponse {
  status: number;
  headers: Record<string, string[]>;
  body?: unknown;
}

/** What `invokeRemote()` resolves to in the Custom UI. */
export interface InvokeRemoteResult {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}

/** The bridge's `fetchProduct` answer, from which requestJira rebuilds a Response. */
export interface ProductFetchAnswer {
  body: string;
  headers: Record<string, string>;
  status: number;
  statusText: string;
  isAttachment: boolean;
}

export interface ProductFetchInit {
  method?: string;
  body?: string | null;
  /** As the bridge sends them: [name, value] pairs. */
  headers?: [string, string][] | Record<string, string>;
}

/** The Forge half of a JiraSim (`sim.forge`). */
export interface ForgeSim {
  readonly appId: string;
  readonly installationId: string;
  /** `ari:cloud:ecosystem::environment/<uuid>` (getContext's environmentId). */
  readonly environmentId: string;
  /** `<sim>/forge/.well-known/jwks.json` */
  readonly jwksUrl: string;
  /** `<sim>/ex/jira/<cloudId>`: the FIT's `app.apiBaseUrl`. */
  readonly apiBaseUrl: string;
  /** The origin serving the Custom UI (the server's FORGE_CUSTOM_UI_ORIGINS). */
  readonly cdnUrl: string;
  /** The kid of the FIT key in the JWKS. */
  readonly kid: string;
  /** The FIT signing key itself, to give another site of the same app (one JWKS for all). */
  readonly signingKey: SigningKey;
  /** The FIT key's public PEM (e.g. as the secret of an HS256 key-confusion attack). */
  readonly publicKeyPem: string;
  readonly installation: ForgeInstallation | undefined;
  jwks(): { keys: Record<string, unknown>[] };
  install(options: ForgeInstallOptions): Promise<Delivery>;
  upgrade(options?: ForgeUpgradeOptions): Promise<Delivery>;
  uninstall(options?: ForgeEventOptions): Promise<Delivery>;
  runDailyTrigger(options?: ForgeEventOptions): Promise<Delivery>;
  invokeRemote(accountId: string, request: InvokeRemoteRequest): Promise<InvokeRemoteResult>;
  /** The same call, answered as the bridge's `invoke` gets it (host page). */
  invokeRemoteAnswer(accountId: string, request: InvokeRemoteRequest): Promise<RemoteInvokeAnswer>;
  /** requestJira as `accountId`: the site's REST API at apiBaseUrl with their user token. */
  fetchProduct(
    accountId: string,
    restPath: string,
    init?: ProductFetchInit,
  ): Promise<ProductFetchAnswer>;
  fit(options?: FitOptions): string;
  fitClaims(options?: FitOptions): Record<string, unknown>;
  userToken(accountId: string, options?: { expiresInSec?: number }): string;
  systemToken(options?: { expiresInSec?: number }): string;
  /** How the site judges a Bearer token (used by its REST routes). */
  verifyBearer(token: string): BearerVerdict;
}

export interface ForgeSiteDeps {
  state: SimState;
  fitKey: SigningKey;
  oauthKey: SigningKey;
  now: () => number;
  options: ForgeSimOptions;
  cdnUrl: () => string;
}

const joinUrl = (base: string, path: string) =>
  `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;

function toArrays(headers: Headers): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  headers.forEach((value, name) => {
    out[name] = name === 'set-cookie' ? headers.getSetCookie() : [value];
  });
  return out;
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function createForgeSim(deps: ForgeSiteDeps): ForgeSim {
  const { state, fitKey, oauthKey, now, options } = deps;
  const nowSec = () => Math.floor(now() / 1000);
  const retryDelayMs = options.retryDelayMs ?? 50;
  const identity: ForgeIdentity = {
    appId: options.appId ?? appAri(),
    installationId: options.installationId ?? installationAri(),
    environmentId: environmentAri(),
    environmentType: 'DEVELOPMENT',
    appVersion: '1.0.0',
  };
  const apiBaseUrl = () => `${state.url}/ex/jira/${state.cloudId}`;
  const fitSite = (): FitSite => ({
    identity,
    cloudId: state.cloudId,
    apiBaseUrl: apiBaseUrl(),
    key: fitKey,
    nowSec,
  });
  const oauthSite = (): OAuthSite => ({
    state,
    key: oauthKey,
    appId: identity.appId,
    installationId: identity.installationId,
    nowSec,
  });
  const userToken = (accountId: string, tokenOptions: { expiresInSec?: number } = {}) =>
    mintOAuthToken(oauthSite(), 'app_user', { accountId, ...tokenOptions });
  const systemToken = (tokenOptions: { expiresInSec?: number } = {}) =>
    mintOAuthToken(oauthSite(), 'app_system', tokenOptions);

  const installed = (): ForgeInstallation => {
    if (!state.forgeInstallation) throw new Error('The Forge app is not installed on this site.');
    return state.forgeInstallation;
  };
  const endpoint = (key: string): ForgeEndpoint => {
    const found = installed().endpoints[key];
    if (!found) throw new Error(`The manifest has no endpoint '${key}'.`);
    return found;
  };

  /** One event or trigger: POST to the endpoint's route, FIT without principal, retries. */
  const sendEvent = (
    endpointKey: string,
    module: { key: string; type: string },
    body: Record<string, unknown>,
    eventOptions: ForgeEventOptions,
  ): Promise<Delivery> => {
    const target = endpoint(endpointKey);
    return deliverEvent(
      {
        url: joinUrl(installed().remoteBaseUrl, target.route),
        method: 'POST',
        // Whether trigger FITs carry `context` is not documented (U); ours name the site.
        fit: () =>
          mintFit(fitSite(), {
            module,
            context: { cloudId: state.cloudId, moduleKey: module.key },
            ...eventOptions.fit,
          }),
        systemToken:
          target.appSystemToken && !eventOptions.withoutSystemToken ? systemToken() : undefined,
        body: { ...body, ...eventOptions.payload },
        timeoutMs: EVENT_TIMEOUT_MS,
      },
      eventOptions.retries ?? EVENT_RETRIES,
      retryDelayMs,
    );
  };

  /** The life-cycle payload as the events reference documents it (bare uuids in `id`/`app.id`). */
  const lifecycleBody = (eventType: string, extra: Record<string, unknown>) => ({
    eventType,
    id: ariId(identity.installationId),
    ...extra,
    app: { id: ariId(identity.appId), version: identity.appVersion },
    environment: { id: ariId(identity.environmentId) },
    context: { cloudId: state.cloudId, moduleKey: MODULES.lifecycle.key },
  });

  /** A test FIT looks like one from the rooms page unless the test says otherwise. */
  const uiDefaults = (): FitOptions => ({
    module: { key: MODULES.rooms.key, type: MODULES.rooms.type },
    context: { cloudId: state.cloudId, siteUrl: state.url, moduleKey: MODULES.rooms.key },
  });

  const invokeRemoteAnswer = async (
    accountId: string,
    request: InvokeRemoteRequest,
  ): Promise<RemoteInvokeAnswer> => {
    const installation = installed();
    const target = endpoint(request.endpointKey ?? UI_ENDPOINT);
    const moduleKey = request.moduleKey ?? MODULES.rooms.key;
    const module = Object.values(MODULES).find((each) => each.key === moduleKey) ?? {
      key: moduleKey,
      type: 'jira:projectPage',
    };
    if (typeof request.path !== 'string' || !request.path.startsWith('/')) {
      throw new Error('invokeRemote needs a path starting with /.');
    }
    const answer = await callRemote({
      url: joinUrl(installation.remoteBaseUrl, request.path),
      method: (request.method ?? 'GET').toUpperCase(),
      fit: () =>
        mintFit(fitSite(), {
          principal: accountId,
          module: { key: module.key, type: module.type },
          context: {
            cloudId: state.cloudId,
            siteUrl: state.url,
            moduleKey: module.key,
            ...(request.extension && { extension: request.extension }),
          },
          ...request.fit,
        }),
      userToken: target.appUserToken ? userToken(accountId) : undefined,
      systemToken: target.appSystemToken ? systemToken() : undefined,
      body: request.body,
      headers: request.headers,
      timeoutMs: UI_TIMEOUT_MS,
    });
    const response: RemoteInvokeResponse = {
      status: answer.status,
      headers: toArrays(answer.headers),
      body: parseBody(answer.text),
    };
    return answer.status < 400
      ? { success: true, payload: response }
      : { success: false, error: response };
  };

  const forge: ForgeSim = {
    get appId() {
      return identity.appId;
    },
    get installationId() {
      return identity.installationId;
    },
    get environmentId() {
      return identity.environmentId;
    },
    get jwksUrl() {
      return `${state.url}/forge/.well-known/jwks.json`;
    },
    get apiBaseUrl() {
      return apiBaseUrl();
    },
    get cdnUrl() {
      return deps.cdnUrl();
    },
    kid: fitKey.kid,
    signingKey: fitKey,
    publicKeyPem: publicKeyPem(fitKey.publicKey),
    get installation() {
      return state.forgeInstallation;
    },
    jwks: () => ({ keys: [publicJwk(fitKey)] }),

    async install(installOptions) {
      if (installOptions.appId) identity.appId = installOptions.appId;
      if (installOptions.installationId) identity.installationId = installOptions.installationId;
      if (installOptions.appVersion) identity.appVersion = installOptions.appVersion;
      const installerAccountId = installOptions.installerAccountId ?? SEED_USERS.alice.accountId;
      // Forge installs whatever the remote answers: the event only tells it about the install.
      state.forgeInstallation = {
        remoteBaseUrl: installOptions.remoteBaseUrl,
        installerAccountId,
        endpoints: { ...DEFAULT_ENDPOINTS, ...installOptions.endpoints },
        installedAt: now(),
        indexedProperties:
          installOptions.indexedProperties ?? readManifestIndex(options.manifestPath),
      };
      return sendEvent(
        'lifecycle-ep',
        MODULES.lifecycle,
        lifecycleBody('avi:forge:installed:app', { installerAccountId }),
        installOptions,
      );
    },

    upgrade(upgradeOptions = {}) {
      if (upgradeOptions.appVersion) identity.appVersion = upgradeOptions.appVersion;
      const upgraderAccountId = upgradeOptions.upgraderAccountId ?? SEED_USERS.alice.accountId;
      // The reference's table says installerAccountId, its example upgraderAccountId: send both.
      return sendEvent(
        'lifecycle-ep',
        MODULES.lifecycle,
        lifecycleBody('avi:forge:upgraded:app', {
          installerAccountId: upgraderAccountId,
          upgraderAccountId,
        }),
        upgradeOptions,
      );
    },

    async uninstall(eventOptions = {}) {
      installed();
      // There is no uninstalled event; the preUninstall module's body shape is not published
      // (U). We send the eventType our server recognises plus the site, on the lifecycle route.
      const delivery = await sendEvent(
        'lifecycle-ep',
        MODULES.preUninstall,
        {
          eventType: 'avi:forge:uninstalled:app',
          id: ariId(identity.installationId),
          app: { id: ariId(identity.appId), version: identity.appVersion },
          context: { cloudId: state.cloudId, moduleKey: MODULES.preUninstall.key },
        },
        eventOptions,
      );
      delete state.forgeInstallation;
      // A later install is a new installation with a new id.
      identity.installationId = installationAri();
      return delivery;
    },

    runDailyTrigger(eventOptions = {}) {
      return sendEvent(
        'jobs-ep',
        MODULES.daily,
        { context: { cloudId: state.cloudId, moduleKey: MODULES.daily.key } },
        eventOptions,
      );
    },

    invokeRemoteAnswer,
    async invokeRemote(accountId, request) {
      const answer = await invokeRemoteAnswer(accountId, request);
      const response = (answer.success ? answer.payload : answer.error) as RemoteInvokeResponse;
      // As @forge/bridge's invoke-endpoint does: header arrays joined with ','.
      const headers = Object.fromEntries(
        Object.entries(response.headers).map(([name, values]) => [name, values.join(',')]),
      );
      return { ...response, headers };
    },

    async fetchProduct(accountId, restPath, init = {}) {
      const url = new URL(joinUrl(apiBaseUrl(), restPath));
      // Only this site's REST API: no escaping the apiBaseUrl with `..` or another host.
      if (!url.href.startsWith(`${apiBaseUrl()}/rest/`) || restPath.includes('..')) {
        throw new Error('requestJira takes a /rest/ path of this site.');
      }
      const headers = new Headers(
        Array.isArray(init.headers) ? init.headers : Object.entries(init.headers ?? {}),
      );
      headers.set('Authorization', `Bearer ${userToken(accountId)}`);
      const method = (init.method ?? 'GET').toUpperCase();
      const response = await fetch(url, {
        method,
        headers,
        ...(init.body !== undefined &&
          init.body !== null &&
          method !== 'GET' && { body: init.body }),
        signal: AbortSignal.timeout(UI_TIMEOUT_MS),
      });
      return {
        body: await response.text(),
        headers: Object.fromEntries(response.headers.entries()),
        status: response.status,
        statusText: response.statusText,
        isAttachment: false,
      };
    },

    fit: (fitOptions) => mintFit(fitSite(), { ...uiDefaults(), ...fitOptions }),
    fitClaims: (fitOptions) => fitClaims(fitSite(), { ...uiDefaults(), ...fitOptions }),
    userToken,
    systemToken,
    verifyBearer: (token) => verifyOAuthToken(oauthSite(), token),
  };
  return forge;
}
