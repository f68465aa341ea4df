import type { ConnectionStatus as Status } from '../socket/connection-tracker';
import { useConnection } from '../socket/poker-context';

const LABELS: Record<Status, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  resynced: 'Resynced',
  offline: 'Offline',
};

/** Always visible: whether what you see is live. */
export function ConnectionStatus() {
  const { status, detail } = useConnection();
  return (
    <span
      className={`connection connection--${status}`}
      role="status"
      aria-live="polite"
      data-testid="connection-status"
      data-status={status}
      title={detail ?? undefined}
    >
      <span className="connection__dot" aria-hidden="true" />
      {LABELS[status]}
      {detail && status === 'offline' && <span className="connection__detail">{detail}</span>}
    </span>
  );
}
