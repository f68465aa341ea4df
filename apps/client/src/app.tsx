import { ErrorsProvider } from './components/errors-context';
import { FlagsProvider } from './feedback/flags-context';
import { HostSessionProvider, type HostSession } from './host/bridge-context';
import type { AppPage } from './host/host-bridge';
import { JiraProvider } from './jira/jira-context';
import { AdminPage } from './screens/admin-page';
import { GlancePage } from './screens/glance-page';
import { RoomsPage } from './screens/rooms-page';
import { PokerProvider, type Poker } from './socket/poker-context';

export type { AppPage } from './host/host-bridge';

/** The descriptor's URLs: /app/rooms (general page), /app/glance, /app/admin. */
export function pageFor(pathname: string): AppPage {
  if (pathname.startsWith('/app/glance')) return 'glance';
  if (pathname.startsWith('/app/admin')) return 'admin';
  return 'rooms';
}

export function App({
  session,
  poker,
  page,
}: {
  session: HostSession;
  poker: Poker;
  page: AppPage;
}) {
  return (
    <HostSessionProvider session={session}>
      <JiraProvider bridge={session.bridge}>
        <PokerProvider poker={poker}>
          <ErrorsProvider>
            <FlagsProvider>
              {page === 'rooms' && <RoomsPage />}
              {page === 'glance' && <GlancePage />}
              {page === 'admin' && <AdminPage />}
            </FlagsProvider>
          </ErrorsProvider>
        </PokerProvider>
      </JiraProvider>
    </HostSessionProvider>
  );
}
