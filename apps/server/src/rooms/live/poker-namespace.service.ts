import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { JwtVerifierService } from '../../jwt/jwt-verifier.service';
import { MetricsService } from '../../metrics/metrics.service';
import { SocketCap } from '../../rate-limits/socket-cap.service';
import { PresenceService } from './presence.service';
import { RoomBroadcaster } from './room-broadcaster.service';
import { RoomListPublisher } from './room-list-publisher.service';
import { accountChannel, tenantChannel, type PokerSocket } from './room-channel';
import { socketAuthMiddleware } from './socket-auth';
import { SocketEvictions } from './socket-evictions.service';
import { TenantPresence } from './tenant-presence.service';

/**
 * The `/poker` namespace's plumbing, set up once: who may connect (token, socket cap), the
 * services that emit into it, and the channels every socket joins.
 */
@Injectable()
export class PokerNamespace {
  constructor(
    private readonly verifier: JwtVerifierService,
    private readonly socketCap: SocketCap,
    private readonly presence: PresenceService,
    private readonly broadcaster: RoomBroadcaster,
    private readonly evictions: SocketEvictions,
    private readonly metrics: MetricsService,
    private readonly roomList: RoomListPublisher,
    private readonly tenantPresence: TenantPresence,
  ) {}

  attach(namespace: Namespace): void {
    const authenticate = socketAuthMiddleware(this.verifier, (tenantId, accountId) =>
      this.evictions.isShutOut(tenantId, accountId),
    );
    namespace.use((socket, next) => void authenticate(socket, next));
    namespace.use(this.socketCap.middleware());
    this.presence.attach(namespace);
    this.broadcaster.attach(namespace);
    this.evictions.attach(namespace);
    this.roomList.attach(namespace);
    this.tenantPresence.attach(namespace);
  }

  connected(socket: PokerSocket): void {
    this.metrics.sockets.inc();
    // Channels that SocketEvictions closes on every node: the site's, and the person's.
    const { tenantId, accountId } = socket.data;
    void socket.join([tenantChannel(tenantId), accountChannel(tenantId, accountId)]);
  }

  /** The rooms a closed socket was in; none for a socket refused at the handshake. */
  disconnected(socket: PokerSocket): string[] {
    this.metrics.sockets.dec();
    return socket.data?.roomIds ?? [];
  }
}
