import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { SecretCipher } from './secret-cipher';
import { Tenant } from './tenant.entity';

export interface InstallData {
  clientKey: string;
  sharedSecret: string;
  baseUrl: string;
  /** Jira sends the site's cloudId at install; it links the site's Forge installation. */
  cloudId?: string;
}

/** What a Forge installation tells us about its site (from verified FIT claims only). */
export interface ForgeInstallData {
  cloudId: string;
  installationId: string;
  /** The site's URL when the call carried one (UI calls do; triggers may not). */
  siteUrl?: string;
}

/** A tenant with its shared secret decrypted, for signing and verifying JWTs. */
export interface TenantWithSecret {
  tenant: Tenant;
  sharedSecret: string;
}

/** How long a decrypted secret is reused before the row is read again (re-installs rotate it). */
const SECRET_CACHE_MS = 30_000;

@Injectable()
export class TenantsService {
  private readonly cache = new Map<string, { value: TenantWithSecret; until: number }>();
  private readonly removedListeners: ((tenantId: string) => void)[] = [];

  constructor(
    @InjectRepository(Tenant) private readonly tenants: Repository<Tenant>,
    private readonly cipher: SecretCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Creates or updates the tenant from a verified Connect install payload. A site that came in
   * through Forge first (same cloudId) is the same tenant: the Connect install joins it.
   */
  async install(data: InstallData): Promise<Tenant> {
    const tenant = await this.tenants.manager.transaction(async (em) => {
      const repo = em.getRepository(Tenant);
      const lock = { mode: 'pessimistic_write' as const };
      const existing =
        (await repo.findOne({ where: { clientKey: data.clientKey }, lock })) ??
        (data.cloudId ? await repo.findOne({ where: { cloudId: data.cloudId }, lock }) : null);
      const row = existing ?? repo.create({ zone: this.config.zone, defaultFieldId: null });
      row.clientKey = data.clientKey;
      row.sharedSecret = this.cipher.encrypt(data.sharedSecret);
      row.baseUrl = data.baseUrl;
      if (data.cloudId) row.cloudId = data.cloudId;
      return repo.save(row);
    });
    this.cache.delete(data.clientKey);
    return tenant;
  }

  /**
   * The tenant of a Forge installation, created on first sight. Its site is its cloudId; a
   * Connect tenant of the same site (the in-place upgrade) is found by cloudId, or by its base
   * URL when it was installed before we kept cloudIds, and keeps its rooms and settings.
   */
  async installForge(data: ForgeInstallData): Promise<Tenant> {
    return this.tenants.manager.transaction(async (em) => {
      const repo = em.getRepository(Tenant);
      const lock = { mode: 'pessimistic_write' as const };
      const siteUrl = data.siteUrl?.replace(/\/+$/, '');
      const existing =
        (await repo.findOne({ where: { cloudId: data.cloudId }, lock })) ??
        (siteUrl
          ? await repo.findOne({ where: { baseUrl: siteUrl, cloudId: IsNull() }, lock })
          : null);
      if (
        existing?.cloudId === data.cloudId &&
        existing.forgeInstallationId === data.installationId &&
        (!siteUrl || existing.baseUrl === siteUrl)
      ) {
        return existing;
      }
      const row = existing ?? repo.create({ zone: this.config.zone, defaultFieldId: null });
      row.cloudId = data.cloudId;
      row.forgeInstallationId = data.installationId;
      if (siteUrl || !existing) row.baseUrl = siteUrl ?? '';
      return repo.save(row);
    });
  }

  /** Deletes the Connect site's tenant; the foreign keys cascade to every row it owns. */
  async uninstall(clientKey: string): Promise<string | null> {
    const tenant = await this.tenants.findOneBy({ clientKey });
    this.cache.delete(clientKey);
    if (!tenant) return null;
    await this.tenants.delete({ id: tenant.id });
    this.announceRemoved(tenant.id);
    return tenant.id;
  }

  /** Deletes the Forge site's tenant (preUninstall) exactly as a Connect uninstall does. */
  async uninstallForge(cloudId: string): Promise<string | null> {
    const tenant = await this.tenants.findOneBy({ cloudId });
    if (!tenant) return null;
    await this.tenants.delete({ id: tenant.id });
    if (tenant.clientKey) this.cache.delete(tenant.clientKey);
    this.announceRemoved(tenant.id);
    return tenant.id;
  }

  /** Drops what this node remembers of a tenant (another node uninstalled it). */
  forget(tenantId: string): void {
    for (const [clientKey, cached] of this.cache) {
      if (cached.value.tenant.id === tenantId) this.cache.delete(clientKey);
    }
  }

  /** Called after a tenant's rows are gone (the realtime edge closes its sockets on every node). */
  onRemoved(listener: (tenantId: string) => void): void {
    this.removedListeners.push(listener);
  }

  private announceRemoved(tenantId: string): void {
    for (const listener of this.removedListeners) listener(tenantId);
  }

  async findByInstallation(installationId: string): Promise<Tenant | null> {
    return this.tenants.findOneBy({ forgeInstallationId: installationId });
  }

  async findByCloudId(cloudId: string): Promise<Tenant | null> {
    return this.tenants.findOneBy({ cloudId });
  }

  /** The tenant and its decrypted secret, or null for an unknown client key. */
  async findWithSecret(clientKey: string, fresh = false): Promise<TenantWithSecret | null> {
    const cached = this.cache.get(clientKey);
    if (!fresh && cached && cached.until > Date.now()) return cached.value;
    const tenant = await this.tenants.findOneBy({ clientKey });
    if (!tenant) {
      this.cache.delete(clientKey);
      return null;
    }
    // A Forge-only site has no secret: no Connect token can speak for it.
    if (!tenant.sharedSecret) return null;
    const value = { tenant, sharedSecret: this.cipher.decrypt(tenant.sharedSecret) };
    this.cache.set(clientKey, { value, until: Date.now() + SECRET_CACHE_MS });
    return value;
  }

  async findById(id: string): Promise<Tenant | null> {
    return this.tenants.findOneBy({ id });
  }

  async setDefaultField(tenantId: string, fieldId: string): Promise<void> {
    await this.tenants.update({ id: tenantId }, { defaultFieldId: fieldId });
  }
}
