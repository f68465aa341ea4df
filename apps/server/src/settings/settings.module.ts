import { Module } from '@nestjs/common';
import { JiraModule } from '../jira/jira.module';
import { JwtModule } from '../jwt/jwt.module';
import { SettingsController } from './settings.controller';
import { SettingsService } from './settings.service';

@Module({
  imports: [JwtModule, JiraModule],
  controllers: [SettingsController],
  providers: [SettingsService],
  exports: [SettingsService],
})
export class SettingsModule {}
