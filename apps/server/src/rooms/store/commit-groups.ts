import { DatabaseError, type Pool } from 'pg';
import {
  commitStatement,
  groupCommitStatement,
  type CommitResult,
  type GroupedCommit,
} from './commit-statement';

/** Round trips of commits in flight at once on a node; the rest wait and go together. */
const IN_FLIGHT = 4;
/** Rooms one grouped statement commits at most. */
const GROUP_SIZE = 32;

interface Waiting {
  commit: GroupedCommit;
  resolve: (result: CommitResult | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the hot path: while IN_FLIGHT commits are on their way to Postgres, the
 * changes of other rooms that arrive wait and then share the next round trip, one statement
 * (`groupCommitStatement`): each room keeps its own version check and its own answer, and
 * every change is durable before its caller hears of it, exactly as alone. Under light load
 * nothing waits, and each change is its own prepared statement as before.
 */
export class CommitGroups {
  private inFlight = 0;
  private readonly waiting: Waiting[] = [];
  /** Round trips made, and the commits that shared one with others (metrics, tests). */
  readonly stats = { statements: 0, grouped: 0 };

  constructor(private readonly pool: Pool) {}

  commit(commit: GroupedCommit): Promise<CommitResult | undefined> {
    if (this.inFlight < IN_FLIGHT) {
      this.inFlight += 1;
      return this.alone(commit).finally(() => this.next());
    }
    return new Promise((resolve, reject) => this.waiting.push({ commit, resolve, reject }));
  }

  private async alone({ room, expectedVersion, writes }: GroupedCommit) {
    this.stats.statements += 1;
    const result = await this.pool.query<CommitResult>(
      commitStatement(room, expectedVersion, writes),
    );
    return result.rows[0];
  }

  /** A round trip ended: the commits that waited meanwhile go, together. */
  private next(): void {
    const group = this.waiting.splice(0, GROUP_SIZE);
    if (group.length === 0) {
      this.inFlight -= 1;
      return;
    }
    void this.together(group).finally(() => this.next());
  }

  private async together(group: Waiting[]): Promise<void> {
    if (group.length === 1) {
      const [only] = group;
      await this.alone(only.commit).then(only.resolve, only.reject);
      return;
    }
    try {
      const { text, values } = groupCommitStatement(group.map((waiting) => waiting.commit));
      this.stats.statements += 1;
      this.stats.grouped += group.length;
      const { rows } = await this.pool.query<CommitResult & { i: number }>(text, values);
      const answers = new Map(
        rows.map((row) => [row.i, { version: row.version, round: row.round }]),
      );
      group.forEach((waiting, index) => waiting.resolve(answers.get(index)));
    } catch (error) {
      // Postgres refused the statement, so nothing of it committed: each room tries alone, and
      // one room's failure is that room's alone. Any other failure (the connection lost) leaves
      // unknown whether it committed: every room hears of it, as a room committing alone would,
      // and none is sent again.
      if (!(error instanceof DatabaseError)) {
        group.forEach((waiting) => waiting.reject(error));
        return;
      }
      for (const waiting of group)
        await this.alone(waiting.commit).then(waiting.resolve, waiting.reject);
    }
  }
}
