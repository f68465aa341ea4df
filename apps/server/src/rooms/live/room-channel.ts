import type { JiraCredentials } from '../../jira/jira-credentials';
import type { DefaultEventsMap, Socket } from 'socket.io';
/** The Socket.IO room that carries one poker room's broadcasts, across every node. */
export function roomChannel(roomId: string): string {
  return `room:${roomId}`;
}

/** The Socket.IO room holding every socket of one tenant, to close them all on uninstall. */
export function tenantChannel(tenantId: string): string {
  return `tenant:${tenantId}`;
}

/** Every socket of one person of one tenant, to close them all when the account is erased. */
export function accountChannel(tenantId: string, accountId: string): string {
  return `account:${tenantId}:${accountId}`;
}

/** What the handshake puts on every authenticated socket (`socket.data`). */
export interface SocketIdentity {
  tenantId: string;
  accountId: string;
  /** When the token the socket presented stops being good (ms); every event checks it. */
  expiresAt: number;
  /** Forge: the person's Jira access, in this node's memory only (never in the adapter). */
  jira?: JiraCredentials;
  /** Poker rooms this socket has joined, to mark the member offline when it disconnects. */
  roomIds: string[];
  /** The client asked for `room:patch` after the first snapshot (`auth.protocol = 'patch'`). */
  patches?: boolean;
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
