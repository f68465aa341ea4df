import { Module } from '@nestjs/common';
import { JiraModule } from '../jira/jira.module';
import { JwtModule } from '../jwt/jwt.module';
import { ObservabilityModule } from '../observability/observability.module';
import { RoomCoreModule } from '../rooms/room-core.module';
import { SettingsModule } from '../settings/settings.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AccountEraser } from './account-eraser.service';
import { ExportController } from './export.controller';
import { ExportService } from './export.service';
import { PersonalDataReporter } from './personal-data-reporter.service';
import { RetentionService } from './retention.service';

/**
 * The privacy promise in code (docs/PRIVACY.md): personal data reporting and erasure of closed
 * accounts, retention, the admin's export, and error reports that carry nothing personal.
 */
@Module({
  imports: [
    RoomCoreModule,
    JiraModule,
    JwtModule,
    SettingsModule,
    ObservabilityModule,
    TenantsModule,
  ],
  controllers: [ExportController],
  providers: [PersonalDataReporter, AccountEraser, RetentionService, ExportService],
  exports: [PersonalDataReporter, RetentionService],
})
export class PrivacyModule {}
