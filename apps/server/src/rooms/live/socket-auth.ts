import { PATCH_PROTOCOL } from '@poker/shared';
import type { Socket } from 'socket.io';
import { closeRefused, handshakeStarted } from '../../realtime/handshake-deadline';
import { LatestSnapshotSessionAdapter } from '../../realtime/latest-snapshot-session.adapter';
import { JwtRejectedError } from '../../errors/jwt-rejected.error';
import type { JwtVerifierService } from '../../jwt/jwt-verifier.service';
import type { SocketIdentity } from './room-channel';

/**
 * Handshake middleware: every connection, and every reconnection, must present a fresh
 * context JWT (Connect) or session token (Forge) in `auth.token`. A refusal reaches the client
 * as `connect_error` whose message says why (it never echoes the token), and then the
 * connection is closed (handshake-deadline.ts).
 */
export function socketAuthMiddleware(
  verifier: JwtVerifierService,
  isShutOut: (tenantId: string, accountId: string) => boolean = () => false,
) {
  return async (socket: Socket, rawNext: (error?: Error) => void): Promise<void> => {
    // A refused connection is closed once told why; a checked one is past the 1-s deadline.
    const next = (error?: Error) => {
      rawNext(error);
      if (error) closeRefused(socket);
    };
    const auth = socket.handshake.auth as { token?: unknown; protocol?: unknown } | undefined;
    const token = auth?.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 8192) {
      next(new Error('UNAUTHENTICATED: auth.token must be a context JWT or session token.'));
      return;
    }
    handshakeStarted(socket);
    try {
      const principal = await verifier.verifyContext(token);
      if (isShutOut(principal.tenant.id, principal.accountId)) {
        next(new Error('UNAUTHENTICATED: This Atlassian account was closed.'));
        return;
      }
      const identity: SocketIdentity = {
        tenantId: principal.tenant.id,
        accountId: principal.accountId,
        expiresAt: principal.expiresAt,
        ...(principal.jira && { jira: principal.jira }),
        roomIds: [],
        ...(auth?.protocol === PATCH_PROTOCOL && { patches: true }),
      };
      socket.data = identity;
      await resumeRecovered(socket, identity);
      next();
    } catch (error) {
      const reason =
        error instanceof JwtRejectedError ? error.message : 'Could not verify the JWT.';
      next(new Error(`UNAUTHENTICATED: ${reason}`));
    }
  };
}

/**
 * A socket that came back within the recovery window gets its rooms and missed packets only
 * now that its token passed, and only if it is still the same person of the same site.
 */
async function resumeRecovered(socket: Socket, identity: SocketIdentity): Promise<void> {
  const adapter = socket.nsp.adapter;
  if (!(adapter instanceof LatestSnapshotSessionAdapter)) return;
  const session = adapter.takeRecovered(socket.id);
  if (!session) return;
  const previous = session.data as Partial<SocketIdentity> | undefined;
  if (previous?.tenantId !== identity.tenantId || previous.accountId !== identity.accountId) {
    return;
  }
  identity.roomIds = [...(previous.roomIds ?? [])];
  await socket.join([...session.rooms]);
  // The client buffers these until its CONNECT arrives, exactly as socket.io's own replay.
  for (const packet of session.missedPackets) {
    const [event, ...args] = packet as [string, ...unknown[]];
    socket.emit(event, ...args);
  }
}
