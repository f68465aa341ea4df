import { ASYNC_ROUND } from '../rules/async-votes';
import type { RoomRow } from '../rules/room-aggregate';
import type { RoomWrites } from '../rules/room-writes';
import { columnValue, ROOM_COLUMNS, ROOM_FIELDS, type RoomColumn } from './room-columns';

/** A column's place in ROOM_FIELDS: the prepared statement's name says which columns it sets. */
const ROOM_FIELD_INDEX = Object.fromEntries(
  ROOM_FIELDS.map((property, index) => [property, index.toString(36)]),
) as Record<RoomColumn, string>;

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

/** The new version and round (the store may number a round of another issue higher). */
export interface CommitResult {
  version: number;
  round: number;
}

/** One room's part of a commit statement: its CTEs, and the one its version comes back from. */
interface CommitParts {
  ctes: string[];
  /** The CTE returning the room's new version and round (no row: the room moved on, or is gone). */
  bumped: string;
  /** What the statement's text depends on besides the values, for its prepared-statement name. */
  shape: string;
}

/**
 * One room's change as CTEs appended to a statement being built (`values` are its parameters,
 * `prefix` keeps the names apart when several rooms share one statement): the room row is
 * written only if it is still at `expectedVersion`, so a change made meanwhile on another node
 * is never overwritten; its version is bumped, and the recorded writes run only when that
 * succeeded.
 */
function commitParts(
  room: RoomRow,
  expectedVersion: number,
  writes: RoomWrites,
  values: unknown[],
  prefix: string,
): CommitParts {
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const id = param(room.id);
  const tenant = param(room.tenantId);
  const expected = param(expectedVersion);
  const bumped = `${prefix}bumped`;
  const shape: string[] = [];
  // Only the columns the change sets: the row at `expectedVersion` already holds the rest (the
  // version check guarantees it), and a vote, which sets none, then writes no deck or lists.
  const changed = ROOM_FIELDS.filter((property) => property in writes.room);
  shape.push(`set${changed.map((property) => ROOM_FIELD_INDEX[property]).join('.')}`);
  const set = changed.map((property) => {
    const { column, type } = ROOM_COLUMNS[property];
    const value = `${param(columnValue(room, property))}::${type}`;
    if (property !== 'round' || !writes.otherIssueStarted) return `${column} = ${value}`;
    // A round of another issue: past every round that issue had, most of them not in memory.
    shape.push('n');
    return `round = GREATEST(${value}, (SELECT COALESCE(MAX(v.round), 0) + 1 FROM vote v
      WHERE v.room_id = ${id} AND v.issue_key = ${param(room.currentIssueKey)}))`;
  });
  const ctes = [
    `${bumped} AS (
      UPDATE room SET ${[...set, 'version = version + 1'].join(', ')},
        updated_at = CASE WHEN updated_at < now() - interval '${TOUCH_INTERVAL_SECONDS} seconds'
          THEN now() ELSE updated_at END
      WHERE id = ${id} AND tenant_id = ${tenant} AND version = ${expected}
      RETURNING version, round)`,
  ];
  const ran = `EXISTS (SELECT 1 FROM ${bumped})`;
  const write = (tag: string, name: string, sql: string) => {
    shape.push(tag);
    ctes.push(`${prefix}${name} AS (${sql})`);
  };
  writes.votes.forEach((vote, index) => {
    const key = `${param(vote.issueKey)}, ${param(vote.round)}, ${param(vote.accountId)}`;
    if (vote.value === null) {
      write(
        'd',
        `vote_${index}`,
        `DELETE FROM vote WHERE room_id = ${id}
        AND (issue_key, round, account_id) = (${key}) AND ${ran}`,
      );
    } else {
      write(
        'v',
        `vote_${index}`,
        `INSERT INTO vote (room_id, issue_key, round, account_id, value)
        SELECT ${id}, ${key}, ${param(vote.value)} FROM ${bumped}
        ON CONFLICT (room_id, issue_key, round, account_id) DO UPDATE SET value = EXCLUDED.value`,
      );
    }
  });
  writes.members.forEach((member, index) => {
    write(
      'm',
      `member_${index}`,
      `INSERT INTO room_member (room_id, account_id, role, last_seen_at)
      SELECT ${id}, ${param(member.accountId)}, ${param(member.role)}, ${param(member.lastSeenAt)}
      FROM ${bumped}
      ON CONFLICT (room_id, account_id)
      DO UPDATE SET role = EXCLUDED.role, last_seen_at = EXCLUDED.last_seen_at`,
    );
  });
  if (writes.removedMembers.length > 0) {
    const gone = param(writes.removedMembers);
    write(
      'x',
      'gone',
      `DELETE FROM room_member WHERE room_id = ${id}
      AND account_id = ANY(${gone}::text[]) AND ${ran}`,
    );
    // Their async cards go with them (async-votes.ts); their revealed cards stay history.
    write(
      'x',
      'gone_async',
      `DELETE FROM vote WHERE room_id = ${id} AND round = ${ASYNC_ROUND}
      AND account_id = ANY(${gone}::text[]) AND ${ran}`,
    );
  }
  if (writes.otherIssueStarted) {
    // The new issue's async cards become the hidden cards of the round it starts.
    write(
      'p',
      'started_async',
      `UPDATE vote SET round = (SELECT round FROM ${bumped}) WHERE room_id = ${id}
      AND issue_key = ${param(room.currentIssueKey)} AND round = ${ASYNC_ROUND} AND ${ran}`,
    );
  }
  if (writes.promotedAsync !== undefined) {
    // Accepted: the async cards become the issue's next round, revealed (as history).
    const key = param(writes.promotedAsync);
    write(
      'q',
      'promoted_async',
      `UPDATE vote SET round = (SELECT COALESCE(MAX(v.round), 0) + 1 FROM vote v
        WHERE v.room_id = ${id} AND v.issue_key = ${key})
      WHERE room_id = ${id} AND issue_key = ${key} AND round = ${ASYNC_ROUND} AND ${ran}`,
    );
  }
  if (writes.droppedAsync !== undefined) {
    const { issueKey } = writes.droppedAsync;
    write(
      issueKey === null ? 'y' : 'z',
      'dropped_async',
      `DELETE FROM vote WHERE room_id = ${id} AND round = ${ASYNC_ROUND}
      ${issueKey === null ? '' : `AND issue_key = ${param(issueKey)}`} AND ${ran}`,
    );
  }
  if (writes.shelvedRound !== undefined) {
    // Left unrevealed in a room open for voting ahead: the cards wait as async cards again.
    const { issueKey, round } = writes.shelvedRound;
    write(
      'h',
      'shelved',
      `UPDATE vote SET round = ${ASYNC_ROUND} WHERE room_id = ${id}
      AND issue_key = ${param(issueKey)} AND round = ${param(round)} AND ${ran}`,
    );
  }
  if (writes.droppedRound !== undefined) {
    const { issueKey, round } = writes.droppedRound;
    write(
      'r',
      'dropped',
      `DELETE FROM vote WHERE room_id = ${id} AND issue_key = ${param(issueKey)}
      AND round = ${param(round)} AND ${ran}`,
    );
  }
  if (writes.addedIssues.length > 0) {
    const keys = param(writes.addedIssues.map((issue) => issue.issueKey));
    const positions = param(writes.addedIssues.map((issue) => issue.position));
    const fields = param(writes.addedIssues.map((issue) => issue.fieldId));
    write(
      'a',
      'added',
      `INSERT INTO room_issue (room_id, issue_key, position, field_id)
      SELECT ${id}, added.issue_key, added.position, added.field_id FROM ${bumped},
        unnest(${keys}::text[], ${positions}::integer[], ${fields}::text[])
          AS added(issue_key, position, field_id)`,
    );
  }
  if (writes.removedIssues.length > 0) {
    const keys = param(writes.removedIssues);
    write(
      'i',
      'removed_votes',
      `DELETE FROM vote WHERE room_id = ${id}
      AND issue_key = ANY(${keys}::text[]) AND ${ran}`,
    );
    write(
      'i',
      'removed_issues',
      `DELETE FROM room_issue WHERE room_id = ${id}
      AND issue_key = ANY(${keys}::text[]) AND ${ran}`,
    );
  }
  if (writes.savedEstimate !== undefined) {
    const { issueKey, value, at, byAccountId, rounds, consensus } = writes.savedEstimate;
    write(
      's',
      'saved',
      `UPDATE room_issue SET saved_value = ${param(value)}::double precision,
        saved_at = ${param(at)}::timestamptz, saved_by_account_id = ${param(byAccountId)},
        saved_rounds = ${param(rounds)}::integer, saved_consensus = ${param(consensus)}::boolean
      WHERE room_id = ${id} AND issue_key = ${param(issueKey)} AND ${ran}`,
    );
  }
  if (writes.erasedAccount !== undefined) {
    const account = param(writes.erasedAccount);
    write(
      'e',
      'erased_votes',
      `DELETE FROM vote WHERE room_id = ${id} AND account_id = ${account}
      AND ${ran}`,
    );
    write(
      'e',
      'erased_member',
      `DELETE FROM room_member WHERE room_id = ${id}
      AND account_id = ${account} AND ${ran}`,
    );
    write(
      'e',
      'erased_saver',
      `UPDATE room_issue SET saved_by_account_id = NULL
      WHERE room_id = ${id} AND saved_by_account_id = ${account} AND ${ran}`,
    );
  }
  return { ctes, bumped, shape: shape.join('-') };
}

/**
 * One statement that commits a change computed in memory (see `commitParts`). It returns the
 * new version and round, or no row when the room moved on (or is gone). A single statement is
 * atomic on its own and costs one round trip instead of the five of BEGIN, SELECT … FOR UPDATE,
 * INSERT, UPDATE, COMMIT.
 */
export function commitStatement(
  room: RoomRow,
  expectedVersion: number,
  writes: RoomWrites,
): CommitStatement {
  const values: unknown[] = [];
  const { ctes, bumped, shape } = commitParts(room, expectedVersion, writes, values, '');
  return {
    name: `room-commit-${shape}`,
    text: `WITH ${ctes.join(',\n')}\nSELECT version, round FROM ${bumped}`,
    values,
  };
}

/** A change of one room waiting to be committed in a group. */
export interface GroupedCommit {
  room: RoomRow;
  expectedVersion: number;
  writes: RoomWrites;
}

/**
 * Several rooms' changes in one statement: each room keeps its own version check (a room that
 * moved on returns no row, the others commit), and the statement commits them together, one
 * round trip and one WAL flush. Rooms are locked in ID order, so that two groups committing on
 * two nodes never wait for each other in a circle. Row `i` answers `commits[i]`.
 */
export function groupCommitStatement(commits: GroupedCommit[]): {
  text: string;
  values: unknown[];
} {
  const order = commits
    .map((_, index) => index)
    .sort((a, b) => (commits[a].room.id < commits[b].room.id ? -1 : 1));
  const values: unknown[] = [];
  const ctes: string[] = [];
  const answers: string[] = [];
  for (const index of order) {
    const { room, expectedVersion, writes } = commits[index];
    const parts = commitParts(room, expectedVersion, writes, values, `r${index}_`);
    ctes.push(...parts.ctes);
    answers.push(`SELECT ${index} AS i, version, round FROM ${parts.bumped}`);
  }
  return { text: `WITH ${ctes.join(',\n')}\n${answers.join('\nUNION ALL ')}`, values };
}
