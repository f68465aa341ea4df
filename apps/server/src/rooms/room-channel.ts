import type { DefaultEventsMap, Socket } from 'socket.io';
/** The Socket.IO room that carries one poker room's broadcasts, across every node. */
export function roomChannel(roomId: string): string {
  return `room:${roomId}`;
}

/** What the handshake puts on every authenticated socket (`socket.data`). */
export interface SocketIdentity {
  tenantId: string;
  accountId: string;
  /** Poker rooms this socket has joined, to mark the member offline when it disconnects. */
  roomIds: string[];
  /** Token bucket of the per-socket rate limit. */
  bucket?: { tokens: number; at: number };
}

/** A socket of the poker namespace, with its identity typed. */
export type PokerSocket = Socket<
  DefaultEventsMap,
  DefaultEventsMap,
  DefaultEventsMap,
  SocketIdentity
>;
