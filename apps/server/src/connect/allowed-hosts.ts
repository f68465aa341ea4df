import { isLoopbackUrl } from '../config/app-config';

/**
 * Whether an install's `baseUrl` names a host of CONNECT_ALLOWED_HOSTS (`*.atlassian.net`
 * matches any subdomain, other entries match exactly, on any port). It must be https, except
 * on loopback (the simulator): the app sends the tenant's signed calls there.
 */
export function isAllowedBaseUrl(baseUrl: string, allowedHosts: string[]): boolean {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackUrl(baseUrl))) {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return allowedHosts.some((pattern) =>
    pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern,
  );
}
