import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { DescriptorController } from './descriptor.controller';
import { InstallReplayCache } from './install-replay.cache';
import { InstallTokenVerifier } from './install-token.verifier';
import { LifecycleController } from './lifecycle.controller';

/** The Atlassian Connect surface: descriptor and the signed install lifecycle. */
@Module({
  imports: [TenantsModule],
  controllers: [DescriptorController, LifecycleController],
  providers: [InstallTokenVerifier, InstallReplayCache],
})
export class ConnectModule {}
