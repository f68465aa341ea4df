import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RoomRow } from '../rules/room-aggregate';
import type { Deck, SuggestRule } from '@poker/shared';

/** A planning-poker room: its configuration and the state of the current round. */
@Entity({ name: 'room' })
export class Room implements RoomRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @Column({ name: 'owner_account_id', type: 'text' })
  ownerAccountId!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'deck', type: 'jsonb' })
  deck!: Deck;

  /** null: the tenant's default estimate field applies. */
  @Column({ name: 'field_id', type: 'text', nullable: true })
  fieldId!: string | null;

  @Column({ name: 'auto_reveal', type: 'boolean', default: false })
  autoReveal!: boolean;

  @Column({ name: 'auto_advance', type: 'boolean', default: false })
  autoAdvance!: boolean;

  /** false: the owner facilitates without voting. */
  @Column({ name: 'owner_votes', type: 'boolean', default: true })
  ownerVotes!: boolean;

  /** Co-facilitators: account IDs of members the owner granted the facilitator actions. */
  @Column({ name: 'facilitator_account_ids', type: 'jsonb', default: () => "'[]'" })
  facilitatorAccountIds!: string[];

  /** Account IDs removed with "block", kept out until the room is removed. */
  @Column({ name: 'blocked_account_ids', type: 'jsonb', default: () => "'[]'" })
  blockedAccountIds!: string[];

  /** Issue keys skipped without an estimate. */
  @Column({ name: 'skipped_issue_keys', type: 'jsonb', default: () => "'[]'" })
  skippedIssueKeys!: string[];

  /** Revealed cards and statistics without names (room-options.ts). */
  @Column({ name: 'anonymous_reveal', type: 'boolean', default: false })
  anonymousReveal!: boolean;

  /** Issue key → round: names of rounds up to it stay hidden after anonymity was switched off. */
  @Column({ name: 'anonymous_through', type: 'jsonb', default: () => "'{}'" })
  anonymousThrough!: Record<string, number>;

  /** How the suggested card is chosen (SuggestRule). */
  @Column({ name: 'suggest_rule', type: 'text', default: 'mode' })
  suggestRule!: SuggestRule;

  /** The countdown `timer:start` without seconds runs. */
  @Column({ name: 'timer_seconds', type: 'integer', default: 60 })
  timerSeconds!: number;
  /** Whether members may vote ahead on every queued issue (async voting). */
  @Column({ name: 'async_voting', type: 'boolean', default: false })
  asyncVoting!: boolean;

  @Column({ name: 'current_issue_key', type: 'text', nullable: true })
  currentIssueKey!: string | null;

  @Column({ name: 'round', type: 'integer', default: 0 })
  round!: number;

  @Column({ name: 'revealed', type: 'boolean', default: false })
  revealed!: boolean;

  @Column({ name: 'timer_ends_at', type: 'timestamptz', nullable: true })
  timerEndsAt!: Date | null;

  @Column({ name: 'version', type: 'integer', default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
