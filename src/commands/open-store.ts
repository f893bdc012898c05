// The store ferry runs on: PostgreSQL when a database URL is given (--database-url, DATABASE_URL), else SQLite in
// the data dir.
import { join } from 'node:path';
import type { Registry } from '../destinations/registry.js';
import { openPostgresStore } from '../store/postgres/index.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/types.js';

export interface StoreChoice {
  /** postgres://… (absent or empty: SQLite). */
  databaseUrl?: string;
  dataDir: string;
  secretKey: Buffer;
  registry: Registry;
  /** This process's node id (PostgreSQL: recorded on its leases); the embedded store is one node. */
  nodeId?: string;
}

export async function openStore(choice: StoreChoice): Promise<Store> {
  const secretSettings = (type: string) => choice.registry.find(type)?.secretSettings ?? [];
  if (choice.databaseUrl) {
    return openPostgresStore({
      url: choice.databaseUrl, secretKey: choice.secretKey, secretSettings, ...(choice.nodeId ? { nodeId: choice.nodeId } : {}),
    });
  }
  // The writer thread: event inserts and job writes on a second core, beside HTTP and JSON on this one.
  return openSqliteStore({ file: join(choice.dataDir, 'ferry.db'), secretKey: choice.secretKey, secretSettings, writerThread: true });
}

/** Where the store lives, for the banner and logs, without credentials. */
export function storeLabel(choice: Pick<StoreChoice, 'databaseUrl' | 'dataDir'>): string {
  if (!choice.databaseUrl) return `SQLite in ${join(choice.dataDir, 'ferry.db')}`;
  const url = new URL(choice.databaseUrl);
  return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
}
