import { createContext, useContext, type ReactNode } from 'react';
import type { HostBridge } from './host-bridge';

/** The host and who is using the app, known before the first render. */
export interface HostSession {
  bridge: HostBridge;
  accountId: string;
  /** The page's own query parameters (Jira's context parameters, `ac.*` custom data). */
  params: URLSearchParams;
}

const HostSessionContext = createContext<HostSession | null>(null);

export function HostSessionProvider({
  session,
  children,
}: {
  session: HostSession;
  children: ReactNode;
}) {
  return <HostSessionContext.Provider value={session}>{children}</HostSessionContext.Provider>;
}

export function useHostSession(): HostSession {
  const session = useContext(HostSessionContext);
  if (!session) throw new Error('useHostSession outside HostSessionProvider');
  return session;
}
