import { Inject, Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { REDIS, type RedisPair } from '../realtime/redis-connection';
import { TenantsService } from '../tenants/tenants.service';
import { accountChannel, tenantChannel } from './room-channel';
import { RoomCache } from './room-cache.service';

/** Tells the other nodes that a tenant is gone (through the adapter, as room changes travel). */
const TENANT_REMOVED = 'poker:tenant-removed';

/**
 * A socket may not outlive its right to exist. When a site uninstalls, every node closes that
 * site's sockets and forgets its cached secret and rooms; when an account is erased, every
 * node closes that person's sockets (their open tab could otherwise write rows again).
 * `disconnectSockets` on a channel reaches every node through the adapter.
 */
@Injectable()
export class SocketEvictions {
  private namespace: Namespace | undefined;

  constructor(
    private readonly tenants: TenantsService,
    private readonly cache: RoomCache,
    @Inject(REDIS) private readonly redis: RedisPair | undefined,
  ) {}

  attach(namespace: Namespace): void {
    this.namespace = namespace;
    namespace.on(TENANT_REMOVED, (tenantId: unknown) => {
      if (typeof tenantId === 'string') this.forgetTenant(tenantId);
    });
    this.tenants.onRemoved((tenantId) => {
      this.forgetTenant(tenantId);
      namespace.in(tenantChannel(tenantId)).disconnectSockets(true);
      // A single node has no one to tell (and the in-memory adapter would only warn).
      if (this.redis) namespace.serverSideEmit(TENANT_REMOVED, tenantId);
    });
  }

  /** Closes every socket of an erased account, on every node. */
  disconnectAccount(tenantId: string, accountId: string): void {
    this.namespace?.in(accountChannel(tenantId, accountId)).disconnectSockets(true);
  }

  private forgetTenant(tenantId: string): void {
    this.tenants.forget(tenantId);
    this.cache.evictTenant(tenantId);
  }
}
