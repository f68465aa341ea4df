import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { ConnectJwtGuard, ContextJwtGuard } from './jwt.guards';
import { JwtVerifierService } from './jwt-verifier.service';

/** Connect JWT verification and the guards built on it, for every feature module to reuse. */
@Module({
  imports: [TenantsModule],
  providers: [JwtVerifierService, ConnectJwtGuard, ContextJwtGuard],
  exports: [JwtVerifierService, ConnectJwtGuard, ContextJwtGuard, TenantsModule],
})
export class JwtModule {}
