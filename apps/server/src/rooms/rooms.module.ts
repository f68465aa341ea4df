import { Module } from '@nestjs/common';
import { EstimatesModule } from '../estimates/estimates.module';
import { JiraModule } from '../jira/jira.module';
import { JwtModule } from '../jwt/jwt.module';
import { RoomCoreModule } from './room-core.module';
import { RoomTimerService } from './room-timer.service';
import { RoomsGateway } from './rooms.gateway';
import { RoomsService } from './rooms.service';
import { RoundsService } from './rounds.service';
import { SessionGateway } from './session.gateway';

/** Live rooms: the Socket.IO gateway and the room lifecycle and voting services. */
@Module({
  imports: [RoomCoreModule, JwtModule, JiraModule, EstimatesModule],
  providers: [RoomsGateway, SessionGateway, RoomsService, RoundsService, RoomTimerService],
  exports: [RoomsService],
})
export class RoomsModule {}
