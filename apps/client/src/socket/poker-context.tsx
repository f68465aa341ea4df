import type { Ack, ClientAckData, ClientEventName, ClientPayloadInputs } from '@poker/shared';
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionState, ConnectionTracker } from './connection-tracker';
import { emitWithAck, type PokerSocket } from './poker-socket';

export interface Poker {
  socket: PokerSocket;
  tracker: ConnectionTracker;
  call: <E extends ClientEventName>(
    event: E,
    payload: ClientPayloadInputs[E],
  ) => Promise<Ack<ClientAckData[E]>>;
}

const PokerContext = createContext<Poker | null>(null);

/** Builds the context value once per socket. */
export function pokerFor(socket: PokerSocket, tracker: ConnectionTracker): Poker {
  return { socket, tracker, call: (event, payload) => emitWithAck(socket, event, payload) };
}

export function PokerProvider({ poker, children }: { poker: Poker; children: ReactNode }) {
  return <PokerContext.Provider value={poker}>{children}</PokerContext.Provider>;
}

export function usePoker(): Poker {
  const poker = useContext(PokerContext);
  if (!poker) throw new Error('usePoker outside PokerProvider');
  return poker;
}

/** The connection as the status bar shows it; re-renders on every change. */
export function useConnection(): ConnectionState {
  const { tracker } = usePoker();
  return useSyncExternalStore(tracker.subscribe, tracker.current);
}
