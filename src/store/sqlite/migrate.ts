// Applies the numbered migrations not yet recorded in schema_migrations, each in its own transaction, on open.
import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations/index.js';

/** Returns the versions applied by this call (empty when the schema was already current). */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const applied = db.prepare<[], { version: number }>('SELECT version FROM schema_migrations');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const known = new Set(migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied.all().map((row) => row.version));
  if (newest > Math.max(0, ...known)) {
    throw new Error(`the database schema (version ${newest}) is newer than this ferry understands; upgrade ferry`);
  }
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    // Re-checked inside the write lock: another process opening the same file may have just applied it.
    db.transaction(() => {
      if (applied.all().some((row) => row.version === migration.version)) return;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, Date.now());
      done.push(migration.version);
    }).immediate();
  }
  return done;
}
