import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MemberRow } from '../rules/room-aggregate';
import type { MemberRole } from '@poker/shared';

/** An Atlassian account that joined a room, and in which role. */
@Entity({ name: 'room_member' })
export class RoomMember implements MemberRow {
  @PrimaryColumn({ name: 'room_id', type: 'uuid' })
  roomId!: string;

  @PrimaryColumn({ name: 'account_id', type: 'text' })
  accountId!: string;

  @Column({ name: 'role', type: 'text' })
  role!: MemberRole;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;
}
