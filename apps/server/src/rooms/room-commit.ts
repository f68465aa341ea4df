import type { Room } from './room.entity';

/** A card played (value) or taken back (null) in the round a change works on. */
export interface VoteWrite {
  issueKey: string;
  round: number;
  accountId: string;
  value: string | null;
}

/** A member row written as a whole (join, presence). */
export interface MemberWrite {
  accountId: string;
  role: string;
  lastSeenAt: Date;
}

/**
 * The rows a change writes besides the room row, recorded instead of run so that the mutator
 * can commit them with the room row in one statement (see `commitStatement`).
 */
export class RoomWrites {
  readonly votes: VoteWrite[] = [];
  member: MemberWrite | undefined;
  /** The account whose member row goes (leaving the room). */
  removedMember: string | undefined;
  /** A round whose cards go unseen: it ended before anyone revealed it. */
  droppedRound: { issueKey: string; round: number } | undefined;

  vote(write: VoteWrite): void {
    this.votes.push(write);
  }

  upsertMember(write: MemberWrite): void {
    this.member = write;
  }

  removeMember(accountId: string): void {
    this.removedMember = accountId;
  }

  dropRound(issueKey: string, round: number): void {
    this.droppedRound = { issueKey, round };
  }
}

/**
 * `updated_at` (when the room was last used: room list order, retention) moves at most this
 * often on the hot path. It is indexed, and leaving it alone lets Postgres update the room row
 * in place (HOT) on almost every vote; see the RoomHotUpdates migration.
 */
export const TOUCH_INTERVAL_SECONDS = 60;

/** What the commit does to `updatedAt`, for the rows kept in memory. */
export function touched(updatedAt: Date, now = new Date()): Date {
  return now.getTime() - updatedAt.getTime() > TOUCH_INTERVAL_SECONDS * 1000 ? now : updatedAt;
}

export interface CommitStatement {
  /** Prepared-statement name: one per shape of the statement, so Postgres plans each once. */
  name: string;
  text: string;
  values: unknown[];
}

/**
 * One statement that commits a change computed in memory: the room row is written only if it
 * is still at `expectedVersion` (so a change made meanwhile on another node is never
 * overwritten), its version is bumped, and the recorded vote and member rows are written only
 * when that succeeded. It returns the new version, or no row when the room moved on (or is
 * gone). A single statement is atomic on its own and costs one round trip instead of the five
 * of BEGIN, SELECT … FOR UPDATE, INSERT, UPDATE, COMMIT.
 */
export function commitStatement(
  room: Room,
  expectedVersion: number,
  writes: RoomWrites,
): CommitStatement {
  const values: unknown[] = [
    room.id,
    room.tenantId,
    expectedVersion,
    room.ownerAccountId,
    room.name,
    JSON.stringify(room.deck),
    room.fieldId,
    room.autoReveal,
    room.autoAdvance,
    room.currentIssueKey,
    room.round,
    room.revealed,
    room.timerEndsAt,
  ];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const parts = [
    `WITH bumped AS (
      UPDATE room SET owner_account_id = $4, name = $5, deck = $6::jsonb, field_id = $7,
        auto_reveal = $8, auto_advance = $9, current_issue_key = $10, round = $11,
        revealed = $12, timer_ends_at = $13, version = version + 1,
        updated_at = CASE WHEN updated_at < now() - interval '${TOUCH_INTERVAL_SECONDS} seconds'
          THEN now() ELSE updated_at END
      WHERE id = $1 AND tenant_id = $2 AND version = $3
      RETURNING version)`,
  ];
  const shape: string[] = [];
  writes.votes.forEach((vote, index) => {
    const key = `${param(vote.issueKey)}, ${param(vote.round)}, ${param(vote.accountId)}`;
    if (vote.value === null) {
      shape.push('d');
      parts.push(`vote_${index} AS (
        DELETE FROM vote WHERE room_id = $1 AND (issue_key, round, account_id) = (${key})
          AND EXISTS (SELECT 1 FROM bumped))`);
    } else {
      shape.push('v');
      parts.push(`vote_${index} AS (
        INSERT INTO vote (room_id, issue_key, round, account_id, value)
        SELECT $1, ${key}, ${param(vote.value)} FROM bumped
        ON CONFLICT (room_id, issue_key, round, account_id) DO UPDATE SET value = EXCLUDED.value)`);
    }
  });
  const member = writes.member;
  if (member) {
    shape.push('m');
    parts.push(`member AS (
      INSERT INTO room_member (room_id, account_id, role, last_seen_at)
      SELECT $1, ${param(member.accountId)}, ${param(member.role)}, ${param(member.lastSeenAt)}
      FROM bumped
      ON CONFLICT (room_id, account_id)
      DO UPDATE SET role = EXCLUDED.role, last_seen_at = EXCLUDED.last_seen_at)`);
  }
  if (writes.removedMember !== undefined) {
    shape.push('x');
    parts.push(`gone AS (
      DELETE FROM room_member WHERE room_id = $1 AND account_id = ${param(writes.removedMember)}
        AND EXISTS (SELECT 1 FROM bumped))`);
  }
  if (writes.droppedRound !== undefined) {
    shape.push('r');
    const { issueKey, round } = writes.droppedRound;
    parts.push(`dropped AS (
      DELETE FROM vote WHERE room_id = $1 AND issue_key = ${param(issueKey)}
        AND round = ${param(round)} AND EXISTS (SELECT 1 FROM bumped))`);
  }
  return {
    name: `room-commit-${shape.join('') || 'room'}`,
    text: `${parts.join(',\n')}\nSELECT version FROM bumped`,
    values,
  };
}
