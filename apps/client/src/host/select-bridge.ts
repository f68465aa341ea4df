import { ApBridge, loadConnectAp } from './ap-bridge';
import { DemoBridge } from './demo-bridge';
import type { HostBridge } from './host-bridge';

/** The host page's origin from `xdm_e` (Jira's name for it), if it is an http(s) URL. */
function hostOrigin(params: URLSearchParams): string | null {
  const raw = params.get('xdm_e');
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** Forge's Custom UI page provides `globalThis.__bridge.callBridge`; @forge/bridge needs it. */
function onForge(): boolean {
  const forge = (globalThis as { __bridge?: { callBridge?: unknown } }).__bridge;
  return typeof forge?.callBridge === 'function';
}

/**
 * Picks the host: Forge when its bridge is there (@forge/bridge is then loaded, and only then:
 * it is a separate chunk, and it cannot even load without that bridge); the demo host page
 * adds `host=demo` (and its origin as `xdm_e`); anything else is a Connect iframe in Jira,
 * where all.js provides `window.AP`.
 */
export async function selectBridge(search: string): Promise<HostBridge> {
  if (onForge()) {
    const { ForgeBridge } = await import('./forge-bridge');
    return ForgeBridge.create();
  }
  const params = new URLSearchParams(search);
  if (params.get('host') === 'demo') {
    const origin = hostOrigin(params);
    if (!origin) throw new Error('The demo host must pass its origin as xdm_e.');
    return new DemoBridge(origin);
  }
  return new ApBridge(await loadConnectAp());
}
