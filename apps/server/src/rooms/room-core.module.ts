import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TenantsModule } from '../tenants/tenants.module';
import { PresenceService } from './presence.service';
import { RoomAccess } from './room-access.service';
import { RoomBroadcaster } from './room-broadcaster.service';
import { RoomCache } from './room-cache.service';
import { RoomIssue } from './room-issue.entity';
import { RoomMember } from './room-member.entity';
import { RoomMutator } from './room-mutator.service';
import { RoomRemovalService } from './room-removal.service';
import { Room } from './room.entity';
import { SocketEvictions } from './socket-evictions.service';
import { Vote } from './vote.entity';

/** All of them are exported to the modules that import this one. */
const SERVICES = [
  PresenceService,
  RoomAccess,
  RoomBroadcaster,
  RoomMutator,
  RoomCache,
  RoomRemovalService,
  SocketEvictions,
];

/**
 * The room transaction and broadcast machinery, shared by the rooms gateway and the features
 * that change rooms from elsewhere (estimates, privacy jobs) without importing the gateway.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Room, RoomMember, RoomIssue, Vote]), TenantsModule],
  providers: SERVICES,
  exports: [...SERVICES, TypeOrmModule],
})
export class RoomCoreModule {}
