// The SQLite store's public face: open a file (or ':memory:') and get a Store.
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export { connect, type SynchronousMode } from './connect.js';
export { SqliteIdentityCache } from './identity-cache.js';
