import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { VoteRow } from '../rules/room-aggregate';

/** One card played by one account in one round of one issue. Earlier rounds are history. */
@Entity({ name: 'vote' })
export class Vote implements VoteRow {
  @PrimaryColumn({ name: 'room_id', type: 'uuid' })
  roomId!: string;

  @PrimaryColumn({ name: 'issue_key', type: 'text' })
  issueKey!: string;

  @PrimaryColumn({ name: 'round', type: 'integer' })
  round!: number;

  @PrimaryColumn({ name: 'account_id', type: 'text' })
  accountId!: string;

  @Column({ name: 'value', type: 'text' })
  value!: string;
}
