import type { ReactNode } from 'react';
import { ConnectionStatus } from './connection-status';
import { ErrorBanner } from './error-banner';

/** The top of every screen: breadcrumbs, the connection state, and the error banner. */
export function AppHeader({ breadcrumbs }: { breadcrumbs: ReactNode }) {
  return (
    <>
      <div className="app-header">
        <nav className="breadcrumbs" aria-label="Breadcrumbs">
          {breadcrumbs}
        </nav>
        <ConnectionStatus />
      </div>
      <ErrorBanner />
    </>
  );
}
