import type { ReactNode } from 'react';
import { useHostSession } from '../host/bridge-context';

/**
 * A link to a page of the Jira site (`path` from the site's root, e.g. a settings page). On
 * Connect and the demo it leaves the app's frame (`target="_top"`); on Forge the host opens
 * it. Without a known site URL there is nothing to link to, and only the text is shown.
 */
export function JiraPageLink({ path, children }: { path: string; children: ReactNode }) {
  const { bridge } = useHostSession();
  const site = bridge.siteUrl();
  if (!site) return <span>{children}</span>;
  const href = `${site}${path}`;
  return (
    <a
      href={href}
      target="_top"
      rel="noopener noreferrer"
      onClick={(event) => {
        if (!bridge.openSiteUrl) return;
        event.preventDefault();
        void bridge.openSiteUrl(href);
      }}
    >
      {children}
    </a>
  );
}
