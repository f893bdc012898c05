// The PostgreSQL store: opening it (migrations first), migrating a database alone, and the store itself.
export { migratePostgres } from './migrate.js';
export { openPostgresStore, PostgresStore, type PostgresStoreOptions } from './postgres-store.js';
