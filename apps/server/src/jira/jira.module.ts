import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { JiraPlanningService } from './jira-planning.service';
import { JiraService } from './jira.service';

/**
 * The Jira client: typed REST calls as the app (Connect JWT) or as the person (Forge token),
 * and the one mapping of Jira's failures to the contract's errors (jira-failures.ts).
 */
@Module({
  imports: [TenantsModule],
  providers: [JiraService, JiraPlanningService],
  exports: [JiraService, JiraPlanningService],
})
export class JiraModule {}
