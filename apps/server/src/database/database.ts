import { DataSource, DataSourceOptions } from 'typeorm';
import { InitialSchema1764100000000 } from './migrations/1764100000000-initial-schema';
import { RoomHotUpdates1764200000000 } from './migrations/1764200000000-room-hot-updates';
import { ForgeTenants1764300000000 } from './migrations/1764300000000-forge-tenants';
import { JiraNativePlanning1764400000000 } from './migrations/1764400000000-jira-native-planning';
import { Facilitation1764510000000 } from './migrations/1764510000000-facilitation';
import { RoomOptions1764520000000 } from './migrations/1764520000000-room-options';
import { AsyncVoting1764530000000 } from './migrations/1764530000000-async-voting';

export const MIGRATIONS = [
  InitialSchema1764100000000,
  RoomHotUpdates1764200000000,
  ForgeTenants1764300000000,
  JiraNativePlanning1764400000000,
  Facilitation1764510000000,
  RoomOptions1764520000000,
  AsyncVoting1764530000000,
];

/** Any constant both nodes agree on; it keys the advisory lock that serialises migrations. */
const MIGRATION_LOCK_ID = 715_042_001;

/**
 * TypeORM options for our schema; `synchronize` is never on: migrations own the schema. Each
 * feature module registers its own entities (`TypeOrmModule.forFeature`), so this folder
 * knows none of them.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, connectionTimeoutMillis: 5000 },
  };
}

/**
 * Applies pending migrations. Several nodes may start at once, so they take turns behind a
 * Postgres advisory lock instead of racing to create the same tables.
 */
export async function runMigrations(url: string): Promise<void> {
  // Two connections: one holds the advisory lock while the other runs the migrations.
  const dataSource = new DataSource({ ...dataSourceOptions(url), extra: { max: 2 } });
  await dataSource.initialize();
  try {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
      await dataSource.runMigrations({ transaction: 'all' });
    } finally {
      await runner
        .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID])
        .catch(() => undefined);
      await runner.release();
    }
  } finally {
    await dataSource.destroy();
  }
}
