import { Module } from '@nestjs/common';
import { SessionModule } from '../session/session.module';
import { TenantsModule } from '../tenants/tenants.module';
import { ConnectJwtGuard, ContextJwtGuard } from './jwt.guards';
import { JwtVerifierService } from './jwt-verifier.service';

/** Connect JWT and Forge session verification and the guards built on them, for every module. */
@Module({
  imports: [TenantsModule, SessionModule],
  providers: [JwtVerifierService, ConnectJwtGuard, ContextJwtGuard],
  exports: [JwtVerifierService, ConnectJwtGuard, ContextJwtGuard, TenantsModule],
})
export class JwtModule {}
