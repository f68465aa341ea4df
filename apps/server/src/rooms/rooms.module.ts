import { Module } from '@nestjs/common';
import { JiraModule } from '../jira/jira.module';
import { TenantsModule } from '../tenants/tenants.module';
import { AsyncVotingGateway } from './async-voting.gateway';
import { AsyncVotingService } from './async-voting.service';
import { EstimateReadinessService } from './estimate-readiness.service';
import { EstimateRecordsService } from './estimate-records.service';
import { EstimatesService } from './estimates.service';
import { FacilitationGateway } from './facilitation.gateway';
import { FacilitationService } from './facilitation.service';
import { IssueQueueService } from './issue-queue.service';
import { MemberNotices } from './live/member-notices.service';
import { RoomCoreModule } from './room-core.module';
import { RoomListService } from './room-list.service';
import { RoomTimerService } from './room-timer.service';
import { RoomsGateway } from './rooms.gateway';
import { RoomsService } from './rooms.service';
import { RoundsService } from './rounds.service';
import { SessionGateway } from './session.gateway';

/**
 * Live rooms: the Socket.IO gateways and the use cases behind them (room lifecycle, rounds,
 * saving estimates into Jira), on top of RoomCoreModule.
 */
@Module({
  imports: [RoomCoreModule, JiraModule, TenantsModule],
  providers: [
    RoomsGateway,
    SessionGateway,
    FacilitationGateway,
    FacilitationService,
    AsyncVotingGateway,
    AsyncVotingService,
    MemberNotices,
    RoomsService,
    RoomListService,
    RoundsService,
    EstimatesService,
    EstimateReadinessService,
    EstimateRecordsService,
    IssueQueueService,
    RoomTimerService,
  ],
  exports: [RoomsService],
})
export class RoomsModule {}
