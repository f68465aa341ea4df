import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JwtModule } from '../jwt/jwt.module';
import { TenantsModule } from '../tenants/tenants.module';
import { RoomCommitter } from './commit/room-committer.service';
import { RoomRemovalService } from './commit/room-removal.service';
import { PokerNamespace } from './live/poker-namespace.service';
import { PresenceService } from './live/presence.service';
import { RoomBroadcaster } from './live/room-broadcaster.service';
import { RoomListPublisher } from './live/room-list-publisher.service';
import { SocketEvictions } from './live/socket-evictions.service';
import { SocketSessions } from './live/socket-sessions.service';
import { TenantPresence } from './live/tenant-presence.service';
import { RoomCache } from './store/room-cache.service';
import { RoomIssue } from './store/room-issue.entity';
import { RoomMember } from './store/room-member.entity';
import { Room } from './store/room.entity';
import { RoomRepository } from './store/room.repository';
import { Vote } from './store/vote.entity';

/** Exported to the modules that import this one. */
const SERVICES = [
  RoomRepository,
  RoomCache,
  RoomCommitter,
  RoomRemovalService,
  PresenceService,
  RoomBroadcaster,
  RoomListPublisher,
  TenantPresence,
  SocketEvictions,
  SocketSessions,
  PokerNamespace,
];

/**
 * The room tables and the machinery that changes and broadcasts rooms, shared by the rooms
 * gateway and the features that change rooms from elsewhere (privacy jobs) without importing
 * the gateway. The room entities are registered here, and only the repository uses them.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Room, RoomMember, RoomIssue, Vote]),
    TenantsModule,
    JwtModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class RoomCoreModule {}
