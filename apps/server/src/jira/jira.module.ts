import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { IssueQueueService } from './issue-queue.service';
import { JiraService } from './jira.service';

/** Everything that talks to Jira as the app: signed client, typed calls, issue queue checks. */
@Module({
  imports: [TenantsModule],
  providers: [JiraService, IssueQueueService],
  exports: [JiraService, IssueQueueService],
})
export class JiraModule {}
