// Opens a SQLite file with ferry's pragmas (WAL, busy timeout, foreign keys, synchronous) and migrates it.
import Database from 'better-sqlite3';
import { migrate } from './migrate.js';
import { makeDatabaseFilesPrivate } from './private-files.js';

export type SynchronousMode = 'NORMAL' | 'FULL';

export interface SqliteConnectOptions {
  /** A file path, or ':memory:'. */
  file: string;
  /**
   * How event inserts (what an acknowledgement promises) are committed. FULL (default) fsyncs the WAL on the commit,
   * so an acknowledged event survives a power loss too. NORMAL fsyncs only at checkpoints: still durable against a
   * process crash (kill -9), because committed WAL frames are already in the OS page cache, but the last commits may
   * roll back if the machine loses power. Measured with test-support/lease-backlog.ts: batches of 20-100 events cost
   * 1.3-1.5x with FULL, single-event commits 2.1-2.4x (0.39 vs 0.16 ms).
   * Job bookkeeping (leases, outcomes, the identity cache) always commits with NORMAL: losing its last commits to a
   * power loss means a delivery is made again, which R5/R16 and Intercom's event dedup absorb; an fsync per finished
   * job would cost a third of the delivery throughput (0.68 vs 0.21 ms per job).
   */
  synchronous?: SynchronousMode;
  /** How long a writer waits for another connection's lock before failing; default 5 000 ms. */
  busyTimeoutMs?: number;
}

/**
 * WAL pages after which a commit copies them back into the database file (SQLite's default: 1,000). A random index
 * page (a person's jobs, a messageId) is rewritten by many commits between two checkpoints and copied once per
 * checkpoint, so a longer WAL copies fewer pages: 2-3 us less per ingested event at 4,000 (a 16 MB WAL).
 */
export const WAL_AUTOCHECKPOINT_PAGES = 4_000;

export function connect(options: SqliteConnectOptions): Database.Database {
  makeDatabaseFilesPrivate(options.file);
  const db = new Database(options.file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5_000))}`);
    db.pragma('foreign_keys = ON');
    // A burst can grow the WAL far beyond its usual size; after a checkpoint it is cut back to 64 MB.
    db.pragma('journal_size_limit = 67108864');
    db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    db.pragma('synchronous = NORMAL');
    // Deleted rows are overwritten with zeros, not only unlinked: an erased person (R23) leaves no bytes in free space.
    db.pragma('secure_delete = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
