import { Module } from '@nestjs/common';
import { JiraModule } from '../jira/jira.module';
import { TenantsModule } from '../tenants/tenants.module';
import { JwtModule } from '../jwt/jwt.module';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';

@Module({
  imports: [JwtModule, JiraModule, TenantsModule],
  controllers: [SettingsController],
  providers: [SettingsService],
  exports: [SettingsService],
})
export class SettingsModule {}
