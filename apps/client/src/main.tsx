import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, pageFor } from './app';
import { selectBridge } from './host/select-bridge';
import { ConnectionTracker } from './socket/connection-tracker';
import { pokerFor } from './socket/poker-context';
import { connectPokerSocket } from './socket/poker-socket';
import { SessionRenewal } from './socket/session-renewal';
import './styles/tokens.css';
import './styles/base.css';
import './styles/components.css';
import './styles/pages.css';
import './styles/room.css';
import './styles/room-options.css';
import './styles/planning.css';
import './styles/issue-context.css';

function BootFailure({ reason }: { reason: string }) {
  return (
    <div className="page">
      <section className="empty-state">
        <h1 className="empty-state__title">Planning poker could not start</h1>
        <p className="subtle">{reason}</p>
        <p className="subtle">Open the app from Jira, or reload the page.</p>
      </section>
    </div>
  );
}

/** Finds the host, asks who is here, connects the socket, then renders the page. */
async function boot(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const root = createRoot(container);
  try {
    const bridge = await selectBridge(window.location.search);
    const { accountId } = await bridge.getCurrentUser();
    let renewal: SessionRenewal | null = null;
    const socket = connectPokerSocket(bridge, (token) => renewal?.handshakeToken(token));
    renewal = new SessionRenewal(socket, bridge);
    const poker = pokerFor(socket, new ConnectionTracker(socket), renewal);
    const params = bridge.params ?? new URLSearchParams(window.location.search);
    const session = { bridge, accountId, params };
    const page = bridge.page ?? pageFor(window.location.pathname);
    root.render(
      <StrictMode>
        <App session={session} poker={poker} page={page} />
      </StrictMode>,
    );
  } catch (error) {
    root.render(<BootFailure reason={error instanceof Error ? error.message : String(error)} />);
  }
}

void boot();
