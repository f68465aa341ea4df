import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';
import { ProjectField } from './project-field.entity';
import { ProjectFieldsService } from './project-fields.service';
import { SecretCipher } from './secret-cipher';
import { resolveSecretsKey } from './secrets-key';
import { Tenant } from './tenant.entity';
import { TenantsService } from './tenants.service';

@Module({
  imports: [TypeOrmModule.forFeature([Tenant, ProjectField])],
  providers: [
    TenantsService,
    ProjectFieldsService,
    {
      provide: SecretCipher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new SecretCipher(resolveSecretsKey(config)),
    },
  ],
  exports: [TenantsService, ProjectFieldsService],
})
export class TenantsModule {}
