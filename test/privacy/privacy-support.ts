import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

/**
 * A database of its own for a suite whose jobs sweep the whole deployment (every tenant, every
 * room): run against the shared test database they would touch other suites' tenants.
 */
export interface PrivateDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createPrivateDatabase(label: string): Promise<PrivateDatabase> {
  const name = `poker_${label}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(process.env.DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/** Where a table's rows belong to a tenant (`$1`); a new table must be added here on purpose. */
const TENANT_SCOPE: Record<string, string> = {
  tenant: 't.id = $1',
  room: 't.tenant_id = $1',
  room_member: 't.room_id IN (SELECT id FROM room WHERE tenant_id = $1)',
  room_issue: 't.room_id IN (SELECT id FROM room WHERE tenant_id = $1)',
  vote: 't.room_id IN (SELECT id FROM room WHERE tenant_id = $1)',
  project_field: 't.tenant_id = $1',
};
/** Tables that hold no tenant data at all, searched whole. */
const GLOBAL_TABLES = ['migrations'];

/**
 * Every row of the tenant that holds `needle` in any column, read through every table of the
 * schema (information_schema), as `table: row-json` lines.
 */
export async function rowsHolding(
  db: DataSource,
  tenantId: string,
  needle: string,
): Promise<string[]> {
  const tables: { table_name: string }[] = await db.query(
    `SELECT DISTINCT table_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name`,
  );
  const found: string[] = [];
  for (const { table_name: table } of tables) {
    const scope = TENANT_SCOPE[table];
    if (!scope && !GLOBAL_TABLES.includes(table)) {
      throw new Error(`rowsHolding does not know how table "${table}" belongs to a tenant.`);
    }
    const rows: { row: string }[] = scope
      ? await db.query(
          `SELECT row_to_json(t)::text AS row FROM "${table}" t
            WHERE (${scope}) AND position($2 in row_to_json(t)::text) > 0`,
          [tenantId, needle],
        )
      : await db.query(
          `SELECT row_to_json(t)::text AS row FROM "${table}" t
            WHERE position($1 in row_to_json(t)::text) > 0`,
          [needle],
        );
    found.push(...rows.map(({ row }) => `${table}: ${row}`));
  }
  return found;
}

export async function tenantIdOf(db: DataSource, clientKey: string): Promise<string> {
  const rows: { id: string }[] = await db.query('SELECT id FROM tenant WHERE client_key = $1', [
    clientKey,
  ]);
  if (!rows[0]) throw new Error(`No tenant for ${clientKey}`);
  return rows[0].id;
}

/** Retries an assertion until it holds (a broadcast still on its way) or the time is up. */
export async function eventually(assertion: () => void, timeoutMs = 3000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** A Sentry ingest stand-in on loopback: keeps every envelope it is sent. */
export async function startSentryIngest(): Promise<{
  url: string;
  envelopes: string[];
  close(): Promise<void>;
}> {
  const envelopes: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      envelopes.push(
        (req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8'),
      );
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://publickey@127.0.0.1:${port}/1`,
    envelopes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The parts of a Sentry error event the test looks at. */
export interface SentryEvent {
  exception: { values: { value: string; stacktrace: { frames: unknown[] } }[] };
  tags: Record<string, string>;
  request?: unknown;
  user?: unknown;
  extra?: unknown;
}

/** The error events of the envelopes (an envelope is JSON lines: header, item header, item, ...). */
export function errorEvents(envelopes: string[]): SentryEvent[] {
  return envelopes.flatMap((envelope) => {
    const lines = envelope
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type?: string });
    return lines.filter((_line, i) => i > 0 && lines[i - 1]?.type === 'event') as SentryEvent[];
  });
}

/** Copies everything the process writes to stdout and stderr into `lines`; restore the spies after. */
export function captureOutput(lines: string[]): jest.SpyInstance[] {
  return [process.stdout, process.stderr].map((stream) => {
    const write = stream.write.bind(stream);
    return jest.spyOn(stream, 'write').mockImplementation(((
      chunk: string | Uint8Array,
      ...rest: never[]
    ) => {
      lines.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write);
  });
}
