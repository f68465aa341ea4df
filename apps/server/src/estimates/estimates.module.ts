import { Module } from '@nestjs/common';
import { JiraModule } from '../jira/jira.module';
import { RoomCoreModule } from '../rooms/room-core.module';
import { EstimatesService } from './estimates.service';

/** Saving agreed estimates into Jira. */
@Module({
  imports: [JiraModule, RoomCoreModule],
  providers: [EstimatesService],
  exports: [EstimatesService],
})
export class EstimatesModule {}
