import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { runMigrations } from '../apps/server/src/database/database';
import type { RoomRow } from '../apps/server/src/rooms/rules/room-aggregate';
import { RoomWrites } from '../apps/server/src/rooms/rules/room-writes';
import { commitStatement } from '../apps/server/src/rooms/store/commit-statement';
import { LatencyHistogram, type LatencySummary } from './latency-histogram';

/** Commits and round trips measured per variant. */
const SAMPLES = 1000;
/** Spaced variant: one commit per this many ms, about what a room sees in the quick run. */
const SPACING_MS = 5;
/** Warm-up before each variant: connection, prepared statement, plan. */
const WARM_UP = 50;

export interface CommitFloorRow {
  transport: 'tcp' | 'socket';
  synchronousCommit: 'on' | 'off';
  pacing: 'back-to-back' | `one per ${number} ms`;
  /** `SELECT 1`: the bare round trip. */
  roundTrip: LatencySummary;
  /** Our vote commit (`commitStatement`): the room row bumped and a vote row upserted. */
  commit: LatencySummary;
}

/**
 * What a durable commit costs on its own, without our server around it: the same one-statement
 * vote commit the server runs, against the bench's Postgres, over loopback TCP and over the
 * Unix socket, with `synchronous_commit` on (as we run) and off (for comparison only: an
 * acknowledged vote could then be lost), back to back and spaced out like the quick run's
 * traffic. It is the floor under our vote latency that the bare socket.io baseline does not pay.
 */
export async function measureCommitFloor(
  databaseUrl: string,
  log: (line: string) => void,
): Promise<CommitFloorRow[]> {
  await runMigrations(databaseUrl);
  const socketUrl = new URL(databaseUrl);
  const tcpUrl = new URL(databaseUrl);
  tcpUrl.searchParams.delete('host');
  const transports: [CommitFloorRow['transport'], string][] = [['tcp', tcpUrl.toString()]];
  if (socketUrl.searchParams.get('host')?.startsWith('/')) {
    transports.push(['socket', socketUrl.toString()]);
  }
  const setup = new Pool({ connectionString: databaseUrl, max: 1 });
  const room = await createRoom(setup);
  const rows: CommitFloorRow[] = [];
  try {
    for (const synchronousCommit of ['on', 'off'] as const) {
      for (const spacing of [0, SPACING_MS]) {
        const pacing = spacing ? (`one per ${spacing} ms` as const) : 'back-to-back';
        log(`commit floor: synchronous_commit ${synchronousCommit}, ${pacing}`);
        // The transports take turns sample by sample, so drift in the machine hits both alike.
        const pools = transports.map(([, url]) => new Pool({ connectionString: url, max: 1 }));
        try {
          for (const pool of pools)
            await pool.query(`SET synchronous_commit = ${synchronousCommit}`);
          const roundTrips = await sample(
            spacing,
            pools.map((pool) => () => pool.query({ name: 'floor-select', text: 'SELECT 1' })),
          );
          const commits = await sample(
            spacing,
            pools.map((pool) => (n: number) => pool.query(voteCommit(room, n))),
          );
          transports.forEach(([transport], index) =>
            rows.push({
              transport,
              synchronousCommit,
              pacing,
              roundTrip: roundTrips[index],
              commit: commits[index],
            }),
          );
        } finally {
          await Promise.all(pools.map((pool) => pool.end()));
        }
      }
    }
  } finally {
    await setup.query('DELETE FROM tenant WHERE id = $1', [room.tenantId]);
    await setup.end();
  }
  return rows;
}

/** A tenant and a room of its own, removed afterwards with the tenant. */
async function createRoom(pool: Pool): Promise<RoomRow> {
  const clientKey = `commit-floor-${randomUUID()}`;
  const {
    rows: [tenant],
  } = await pool.query<{ id: string }>(
    `INSERT INTO tenant (client_key, shared_secret, base_url, zone)
     VALUES ($1, 'unused', 'https://commit-floor.invalid', 'us') RETURNING id`,
    [clientKey],
  );
  const room: RoomRow = {
    id: randomUUID(),
    tenantId: tenant.id,
    ownerAccountId: 'floor-owner',
    name: 'Commit floor',
    deck: { kind: 'fibonacci' },
    fieldId: null,
    autoReveal: false,
    autoAdvance: false,
    ownerVotes: true,
    facilitatorAccountIds: [],
    blockedAccountIds: [],
    skippedIssueKeys: [],
    anonymousReveal: false,
    anonymousThrough: {},
    suggestRule: 'mode',
    timerSeconds: 60,
    asyncVoting: false,
    currentIssueKey: 'FLOOR-1',
    round: 1,
    revealed: false,
    timerEndsAt: null,
    version: 1,
    updatedAt: new Date(),
  };
  await pool.query(
    `INSERT INTO room (id, tenant_id, owner_account_id, name, deck, current_issue_key, round, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [room.id, room.tenantId, room.ownerAccountId, room.name, room.deck, 'FLOOR-1', 1, 1],
  );
  return room;
}

/** The n-th vote of ten members, committed as the server commits it. */
function voteCommit(room: RoomRow, n: number): ReturnType<typeof commitStatement> {
  const writes = new RoomWrites();
  writes.vote({ issueKey: 'FLOOR-1', round: 1, accountId: `floor-${n % 10}`, value: `${n % 8}` });
  const statement = commitStatement(room, room.version, writes);
  room.version += 1;
  return statement;
}

/** Runs each of `runs` in turn, SAMPLES times after a warm-up; one latency summary per run. */
async function sample(
  spacingMs: number,
  runs: ((n: number) => Promise<unknown>)[],
): Promise<LatencySummary[]> {
  const histograms = runs.map(() => new LatencyHistogram());
  for (let n = 0; n < WARM_UP + SAMPLES; n += 1) {
    for (const [index, run] of runs.entries()) {
      const started = process.hrtime.bigint();
      await run(n);
      if (n >= WARM_UP) histograms[index].record(Number(process.hrtime.bigint() - started) / 1e6);
      if (spacingMs) await new Promise((resolve) => setTimeout(resolve, spacingMs));
    }
  }
  return histograms.map((histogram) => histogram.summary());
}

export function formatCommitFloor(rows: CommitFloorRow[]): string {
  const ms = (s: LatencySummary) => [s.p50, s.p95, s.p99].map((v) => v.toFixed(2)).join(' / ');
  const lines = rows.map((row) =>
    [
      row.transport.padEnd(9),
      row.synchronousCommit.padEnd(18),
      row.pacing.padEnd(14),
      ms(row.roundTrip).padEnd(20),
      ms(row.commit),
    ].join(' '),
  );
  const header = [
    'transport'.padEnd(9),
    'synchronous_commit'.padEnd(18),
    'pacing'.padEnd(14),
    'SELECT 1 p50/p95/p99'.padEnd(20),
    'vote commit ms p50/p95/p99',
  ].join(' ');
  return [header, ...lines].join('\n');
}
