// The embedded Store: one SQLite file (better-sqlite3, WAL); statements are prepared once, at open.
import type Database from 'better-sqlite3';
import type { FerryConfig } from '../../config/model.js';
import type { IdentityCache } from '../../destinations/intercom/identity/cache.js';
import type { JobResult, NewEvent, RetentionSettings, Store } from '../types.js';
import { ConfigTables } from './config-tables.js';
import { connect, type SqliteConnectOptions, type SynchronousMode } from './connect.js';
import { EventTables } from './event-tables.js';
import { SqliteIdentityCache } from './identity-cache.js';
import { JobQueue } from './job-queue.js';
import { Purger } from './purge.js';

export type SqliteStoreOptions = SqliteConnectOptions;

/** Opens (creating and migrating when needed) the store in `options.file`. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  return new SqliteStore(connect(options), options.synchronous ?? 'FULL');
}

// better-sqlite3 is synchronous; the async methods keep the Store interface shared with PostgreSQL.
export class SqliteStore implements Store {
  private readonly config;
  private readonly events;
  private readonly jobs;
  private readonly identities;
  private readonly purger;

  /** The connection itself, for SQLite-specific tests and tools; the pipeline uses the Store methods only. */
  constructor(
    readonly db: Database.Database,
    /** The durability of event inserts (see SqliteConnectOptions.synchronous); everything else commits NORMAL. */
    private readonly ingestSynchronous: SynchronousMode = 'FULL',
  ) {
    this.config = new ConfigTables(db);
    this.events = new EventTables(db);
    this.jobs = new JobQueue(db);
    this.identities = new SqliteIdentityCache(db);
    this.purger = new Purger(db);
  }

  async applyConfig(config: FerryConfig) {
    this.config.applyConfig(config);
  }

  async listSources() {
    return this.config.listSources();
  }

  async findSourceByWriteKey(writeKey: string) {
    return this.config.findSourceByWriteKey(writeKey);
  }

  async listDestinations() {
    return this.config.listDestinations();
  }

  async setDestinationPaused(destinationId: string, reason: string | null) {
    this.config.setDestinationPaused(destinationId, reason);
  }

  async insertEvents(events: NewEvent[]) {
    if (this.ingestSynchronous === 'NORMAL') return this.events.insertEvents(events);
    this.db.pragma('synchronous = FULL');
    try {
      return this.events.insertEvents(events);
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  async leaseJobs(destinationId: string, limit: number, leaseMs: number, now: Date) {
    return this.jobs.leaseJobs(destinationId, limit, leaseMs, now);
  }

  async finishJob(jobId: number, result: JobResult, now: Date) {
    this.jobs.finishJob(jobId, result, now);
  }

  async recoverLeases(_now: Date) {
    return this.jobs.recoverLeases();
  }

  async jobStateCounts(destinationId?: string) {
    return this.jobs.jobStateCounts(destinationId);
  }

  async nextDueAt(destinationId: string) {
    return this.jobs.nextDueAt(destinationId);
  }

  identityCache(): IdentityCache {
    return this.identities;
  }

  async purge(now: Date, retention: RetentionSettings) {
    await this.purger.purge(now, retention);
  }

  async close() {
    if (!this.db.open) return;
    this.db.pragma('optimize');
    this.db.close();
  }
}
