// `ferry migrate`: applies the PostgreSQL store's pending migrations (under the advisory lock `ferry start` takes too).
import { FerryError } from '../errors.js';
import { migratePostgres } from '../store/postgres/index.js';

export async function runMigrateCommand(databaseUrl: string | undefined): Promise<string> {
  if (!databaseUrl) {
    throw new FerryError('FERRY_ERR_CONFIG_INVALID', 'give --database-url postgres://... (or DATABASE_URL); the SQLite store migrates itself at start');
  }
  const { applied } = await migratePostgres(databaseUrl);
  return applied.length === 0 ? 'the schema is up to date' : `applied migrations ${applied.join(', ')}`;
}
