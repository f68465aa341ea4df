import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { IssueRow } from '../rules/room-aggregate';

/** An issue in a room's queue; only its key is kept, plus the estimate saved into Jira. */
@Entity({ name: 'room_issue' })
export class RoomIssue implements IssueRow {
  @PrimaryColumn({ name: 'room_id', type: 'uuid' })
  roomId!: string;

  @PrimaryColumn({ name: 'issue_key', type: 'text' })
  issueKey!: string;

  @Column({ name: 'position', type: 'integer' })
  position!: number;

  @Column({ name: 'field_id', type: 'text', nullable: true })
  fieldId!: string | null;

  @Column({ name: 'saved_value', type: 'double precision', nullable: true })
  savedValue!: number | null;

  @Column({ name: 'saved_at', type: 'timestamptz', nullable: true })
  savedAt!: Date | null;

  @Column({ name: 'saved_by_account_id', type: 'text', nullable: true })
  savedByAccountId!: string | null;

  @Column({ name: 'saved_rounds', type: 'integer', nullable: true })
  savedRounds!: number | null;

  @Column({ name: 'saved_consensus', type: 'boolean', nullable: true })
  savedConsensus!: boolean | null;
}
