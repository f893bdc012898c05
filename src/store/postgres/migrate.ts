// Applies the numbered migrations not yet in schema_migrations, under an advisory lock: nodes starting together wait in turn.
import pg from 'pg';
import { POSTGRES_MIGRATIONS, type PostgresMigration } from './migrations/index.js';
import { storeError } from './pool.js';

/** The advisory lock key migrations hold ("ferr" in ASCII); any constant no other tool in the database uses. */
export const MIGRATION_LOCK_KEY = 0x66657272;

/** Brings the database at `url` to the current schema; returns the versions this call applied (empty when current). */
export async function migratePostgres(url: string, migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS): Promise<{ applied: number[] }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw storeError(error);
  }
  try {
    // A session lock, held across the migrations' own transactions; it goes with the connection if this process dies.
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at bigint NOT NULL
    )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...done);
    if (newest > Math.max(0, ...migrations.map((m) => m.version))) {
      throw new Error(`the database schema (version ${newest}) is newer than this ferry understands; upgrade ferry`);
    }
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          migration.version, migration.name, Date.now(),
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      applied.push(migration.version);
    }
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    return { applied };
  } catch (error) {
    throw storeError(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
