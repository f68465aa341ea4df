import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit.store';
import { rateLimited } from './rate-limited';
import { TokenLeases } from './token-leases';
import type { Grant } from './token-bucket';

/** Leases are dropped this often, so idle people's leftovers do not pile up in memory. */
const FORGET_LEASES_MS = 60_000;

/**
 * Socket events per person (tenant + account, over all their sockets, reconnects and nodes)
 * and per site. Most events are decided from this node's lease without waiting on Redis.
 */
@Injectable()
export class EventLimiter implements OnModuleDestroy {
  private readonly accounts: TokenLeases;
  private readonly sites: TokenLeases;
  private readonly timer: NodeJS.Timeout;

  constructor(
    @Inject(RATE_LIMIT_STORE) store: RateLimitStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.accounts = new TokenLeases(store, config.rateLimits.account);
    this.sites = new TokenLeases(store, config.rateLimits.site);
    this.timer = setInterval(() => {
      this.accounts.forget();
      this.sites.forget();
    }, FORGET_LEASES_MS).unref();
  }

  /** Nothing when the event may go ahead at once; otherwise a promise, rejected when limited. */
  admit(tenantId: string, accountId: string): void | Promise<void> {
    const account = this.accounts.spend(`ev:a:${tenantId}:${accountId}`);
    if (account instanceof Promise) {
      return account.then((grant) => {
        refuseUnless(grant, 'you');
        return this.admitSite(tenantId);
      });
    }
    refuseUnless(account, 'you');
    return this.admitSite(tenantId);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private admitSite(tenantId: string): void | Promise<void> {
    const site = this.sites.spend(`ev:s:${tenantId}`);
    if (site instanceof Promise) return site.then((grant) => refuseUnless(grant, 'your site'));
    refuseUnless(site, 'your site');
  }
}

function refuseUnless(grant: Grant, who: string): void {
  if (grant.granted > 0) return;
  throw rateLimited(`Too many events from ${who}; slow down`, grant.retryAfterMs);
}
