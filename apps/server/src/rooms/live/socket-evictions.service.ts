import { Inject, Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { REDIS, type RedisPair } from '../../realtime/redis-connection';
import { TenantsService } from '../../tenants/tenants.service';
import { accountChannel, tenantChannel } from './room-channel';
import { RoomCache } from '../store/room-cache.service';

/** Tells the other nodes that a tenant is gone (through the adapter, as room changes travel). */
const TENANT_REMOVED = 'poker:tenant-removed';
const ACCOUNT_ERASED = 'poker:account-erased';

/**
 * How long an erased account stays shut out: longer than any token it may still hold (a Forge
 * session lasts 15 minutes, a Connect context token 15 minutes plus Jira's 60-s leeway). Jira
 * issues no new token to a closed account, so after this nothing of it can come back.
 */
const ERASED_SHUT_OUT_MS = 17 * 60_000;

/**
 * A socket may not outlive its right to exist. When a site uninstalls, every node closes that
 * site's sockets and forgets its cached secret and rooms; when an account is erased, every
 * node closes that person's sockets (their open tab could otherwise write rows again).
 * `disconnectSockets` on a channel reaches every node through the adapter.
 */
@Injectable()
export class SocketEvictions {
  private namespace: Namespace | undefined;
  /** `tenantId account` → until when its sockets are refused (memory only, then forgotten). */
  private readonly erased = new Map<string, number>();

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
    namespace.on(ACCOUNT_ERASED, (tenantId: unknown, accountId: unknown) => {
      if (typeof tenantId === 'string' && typeof accountId === 'string') {
        this.shutOut(tenantId, accountId);
      }
    });
    this.tenants.onRemoved((tenantId) => {
      this.forgetTenant(tenantId);
      namespace.in(tenantChannel(tenantId)).disconnectSockets(true);
      // A single node has no one to tell (and the in-memory adapter would only warn).
      if (this.redis) namespace.serverSideEmit(TENANT_REMOVED, tenantId);
    });
  }

  /**
   * Closes every socket of an erased account, on every node, and refuses its handshakes while
   * a token it already holds could still pass: its open tab must not write rows again.
   */
  disconnectAccount(tenantId: string, accountId: string): void {
    this.shutOut(tenantId, accountId);
    if (this.redis) this.namespace?.serverSideEmit(ACCOUNT_ERASED, tenantId, accountId);
    this.namespace?.in(accountChannel(tenantId, accountId)).disconnectSockets(true);
  }

  /** Whether this account was erased a moment ago (its handshake is then refused). */
  isShutOut(tenantId: string, accountId: string): boolean {
    const key = `${tenantId} ${accountId}`;
    const until = this.erased.get(key);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.erased.delete(key);
    return false;
  }

  private shutOut(tenantId: string, accountId: string): void {
    this.erased.set(`${tenantId} ${accountId}`, Date.now() + ERASED_SHUT_OUT_MS);
  }

  private forgetTenant(tenantId: string): void {
    this.tenants.forget(tenantId);
    this.cache.evictTenant(tenantId);
  }
}
