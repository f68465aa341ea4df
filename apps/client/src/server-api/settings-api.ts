import { isErrorCode, type ErrorCode } from '@poker/shared';
import type { HostBridge } from '../host/host-bridge';

/**
 * Our server's settings API (`/api/settings` at `bridge.serverUrl()`), authenticated with the
 * bridge's token: `JWT <context JWT>` on Connect, `Bearer <session token>` on Forge (there
 * cross-origin, without cookies).
 */
export interface SettingsAnswer {
  fieldId: string | null;
}

/** A refusal from our server, with the contract's error code (FORBIDDEN for non-admins). */
export class SettingsApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

async function send(bridge: HostBridge, init: RequestInit = {}): Promise<SettingsAnswer> {
  const token = await bridge.getToken();
  const response = await fetch(`${bridge.serverUrl()}/api/settings`, {
    ...init,
    credentials: 'omit',
    headers: {
      Authorization: `${bridge.authScheme} ${token}`,
      Accept: 'application/json',
      ...(init.body !== undefined && { 'Content-Type': 'application/json' }),
    },
  });
  const body = (await response.json().catch(() => ({}))) as {
    fieldId?: string | null;
    error?: { code?: unknown; message?: string };
  };
  if (!response.ok) {
    const code = isErrorCode(body.error?.code) ? body.error.code : 'INTERNAL';
    throw new SettingsApiError(
      code,
      body.error?.message ?? `The server answered HTTP ${response.status}.`,
    );
  }
  return { fieldId: body.fieldId ?? null };
}

/** The tenant's default estimate field. */
export function getSettings(bridge: HostBridge): Promise<SettingsAnswer> {
  return send(bridge);
}

/** Sets the default estimate field; only its ID is sent. */
export function putSettings(bridge: HostBridge, fieldId: string): Promise<SettingsAnswer> {
  return send(bridge, { method: 'PUT', body: JSON.stringify({ fieldId }) });
}
