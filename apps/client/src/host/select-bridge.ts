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

/** Loopback: where the local demo runs, and where no deployment Jira can reach ever does. */
function isLoopback(origin: string): boolean {
  const host = new URL(origin).hostname;
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * The demo host page's origin when the page asks for it (`host=demo`), else null. The demo bridge
 * trusts that page with the user's token and Jira calls, so it is honoured only when both this
 * page and the host page are on loopback: the local demo. A deployed app (production requires a
 * public https APP_BASE_URL) can never be talked into it by a crafted link.
 */
export function demoHostOrigin(pageOrigin: string, params: URLSearchParams): string | null {
  if (params.get('host') !== 'demo') return null;
  const origin = hostOrigin(params);
  if (!origin) throw new Error('The demo host must pass its origin as xdm_e.');
  if (!isLoopback(pageOrigin) || !isLoopback(origin)) {
    throw new Error('The demo host is available only on a local demo.');
  }
  return origin;
}

/** Forge's Custom UI page provides `globalThis.__bridge.callBridge`; @forge/bridge needs it. */
function onForge(): boolean {
  const forge = (globalThis as { __bridge?: { callBridge?: unknown } }).__bridge;
  return typeof forge?.callBridge === 'function';
}

/**
 * Picks the host: Forge when its bridge is there (@forge/bridge is then loaded, and only then:
 * it is a separate chunk, and it cannot even load without that bridge); the local demo's host
 * page adds `host=demo` (and its origin as `xdm_e`; see demoHostOrigin); anything else is a Connect iframe in Jira,
 * where all.js provides `window.AP`.
 */
export async function selectBridge(search: string): Promise<HostBridge> {
  if (onForge()) {
    const { ForgeBridge } = await import('./forge-bridge');
    return ForgeBridge.create();
  }
  const demoOrigin = demoHostOrigin(window.location.origin, new URLSearchParams(search));
  if (demoOrigin) return new DemoBridge(demoOrigin);
  return new ApBridge(await loadConnectAp());
}
