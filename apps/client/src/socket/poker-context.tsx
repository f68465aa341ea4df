import type { Ack, ClientAckData, ClientEventName, ClientPayloadInputs } from '@poker/shared';
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionState, ConnectionTracker } from './connection-tracker';
import { emitWithAck, type PokerSocket } from './poker-socket';
import type { SessionRenewal } from './session-renewal';

export interface Poker {
  socket: PokerSocket;
  tracker: ConnectionTracker;
  call: <E extends ClientEventName>(
    event: E,
    payload: ClientPayloadInputs[E],
  ) => Promise<Ack<ClientAckData[E]>>;
}

const PokerContext = createContext<Poker | null>(null);

/**
 * Reads and membership, which mean the same after a reconnect as before: socket.io may hold them
 * until then. Anything else acts on a round that may be over by the time it arrives.
 */
const SAFE_TO_SEND_LATE: ReadonlySet<ClientEventName> = new Set([
  'room:list',
  'room:join',
  'room:leave',
]);

/** Said at once while the connection is lost, instead of a late send or a generic timeout. */
const NOT_SENT_OFFLINE = {
  ok: false,
  error: {
    code: 'INTERNAL',
    message: 'Not sent: you are offline. Try again once the connection is back.',
  },
} as const;

/**
 * Builds the context value once per socket. An action refused as UNAUTHENTICATED (the token
 * ran out before its renewal, e.g. in a tab the browser put to sleep) renews and tries once more.
 */
export function pokerFor(
  socket: PokerSocket,
  tracker: ConnectionTracker,
  renewal?: SessionRenewal,
): Poker {
  const call: Poker['call'] = async (event, payload) => {
    if (tracker.lostConnection && !SAFE_TO_SEND_LATE.has(event)) return NOT_SENT_OFFLINE;
    const ack = await emitWithAck(socket, event, payload);
    if (ack.ok || ack.error.code !== 'UNAUTHENTICATED' || !renewal) return ack;
    return (await renewal.renewNow()) ? emitWithAck(socket, event, payload) : ack;
  };
  return { socket, tracker, call };
}

export function PokerProvider({ poker, children }: { poker: Poker; children: ReactNode }) {
  return <PokerContext.Provider value={poker}>{children}</PokerContext.Provider>;
}

export function usePoker(): Poker {
  const poker = useContext(PokerContext);
  if (!poker) throw new Error('usePoker outside PokerProvider');
  return poker;
}

/**
 * Whether what the room shows is live: connected, and (after a reconnect) the room re-joined.
 * While false, others' presence and my sends are unknown.
 */
export function useConnectionLive(): boolean {
  const { status } = useConnection();
  return status === 'live' || status === 'resynced';
}

/** The connection as the status bar shows it; re-renders on every change. */
export function useConnection(): ConnectionState {
  const { tracker } = usePoker();
  return useSyncExternalStore(tracker.subscribe, tracker.current);
}
