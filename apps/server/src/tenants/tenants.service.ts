import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { SecretCipher } from './secret-cipher';
import { Tenant } from './tenant.entity';

export interface InstallData {
  clientKey: string;
  sharedSecret: string;
  baseUrl: string;
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

  constructor(
    @InjectRepository(Tenant) private readonly tenants: Repository<Tenant>,
    private readonly cipher: SecretCipher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates or updates the tenant from a verified install payload. */
  async install(data: InstallData): Promise<Tenant> {
    await this.tenants.upsert(
      {
        clientKey: data.clientKey,
        sharedSecret: this.cipher.encrypt(data.sharedSecret),
        baseUrl: data.baseUrl,
        zone: this.config.zone,
      },
      { conflictPaths: ['clientKey'] },
    );
    this.cache.delete(data.clientKey);
    return this.tenants.findOneByOrFail({ clientKey: data.clientKey });
  }

  /** Deletes the tenant; the foreign keys cascade to every room, member, issue and vote. */
  async uninstall(clientKey: string): Promise<void> {
    await this.tenants.delete({ clientKey });
    this.cache.delete(clientKey);
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
