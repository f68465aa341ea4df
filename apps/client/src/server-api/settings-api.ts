import { isErrorCode, type ErrorCode, type SettingsView } from '@poker/shared';
import type { HostBridge } from '../host/host-bridge';

/**
 * Our server's admin API (`/api/settings`, `/api/export` at `bridge.serverUrl()`), authenticated
 * with the bridge's token: `JWT <context JWT>` on Connect, `Bearer <session token>` on Forge
 * (there cross-origin, without cookies). Only field IDs and project keys are ever sent.
 */
export type SettingsAnswer = SettingsView;

/** A refusal from our server, with the contract's error code (FORBIDDEN for non-admins). */
export class SettingsApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: string };
}

async function call(bridge: HostBridge, path: string, init: RequestInit = {}): Promise<Response> {
  const token = await bridge.getToken();
  let response: Response;
  try {
    response = await fetch(`${bridge.serverUrl()}${path}`, {
      ...init,
      credentials: 'omit',
      headers: {
        Authorization: `${bridge.authScheme} ${token}`,
        Accept: 'application/json',
        ...(init.body !== undefined && { 'Content-Type': 'application/json' }),
      },
    });
  } catch {
    throw new SettingsApiError('INTERNAL', 'The app server could not be reached.');
  }
  if (response.ok) return response;
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const code = isErrorCode(body.error?.code) ? body.error.code : 'INTERNAL';
  throw new SettingsApiError(
    code,
    body.error?.message ?? `The server answered HTTP ${response.status}.`,
  );
}

/** Reads the settings answer, tolerating a server that does not send project fields yet. */
async function settingsOf(response: Response): Promise<SettingsView> {
  const body = (await response.json().catch(() => ({}))) as Partial<SettingsView>;
  const projectFields =
    body.projectFields && typeof body.projectFields === 'object' ? body.projectFields : {};
  return { fieldId: body.fieldId ?? null, projectFields };
}

/** The tenant's default estimate field and every project's own field. */
export async function getSettings(bridge: HostBridge): Promise<SettingsView> {
  return settingsOf(await call(bridge, '/api/settings'));
}

/** Sets the default estimate field; only its ID is sent. */
export async function putSettings(bridge: HostBridge, fieldId: string): Promise<SettingsView> {
  return settingsOf(
    await call(bridge, '/api/settings', { method: 'PUT', body: JSON.stringify({ fieldId }) }),
  );
}

const projectPath = (projectKey: string) =>
  `/api/settings/projects/${encodeURIComponent(projectKey)}`;

/** Gives one project its own estimate field (admin only); only the key and field ID are sent. */
export async function putProjectField(
  bridge: HostBridge,
  projectKey: string,
  fieldId: string,
): Promise<void> {
  await call(bridge, projectPath(projectKey), {
    method: 'PUT',
    body: JSON.stringify({ fieldId }),
  });
}

/** Removes a project's own field: its issues fall back to the rooms' and the site's field. */
export async function deleteProjectField(bridge: HostBridge, projectKey: string): Promise<void> {
  await call(bridge, projectPath(projectKey), { method: 'DELETE' });
}

/**
 * Everything the app stores for this site (`GET /api/export`, admins only), as the JSON text the
 * server serves, for the browser to save as a file.
 */
export async function fetchExport(bridge: HostBridge): Promise<string> {
  return (await call(bridge, '/api/export')).text();
}
