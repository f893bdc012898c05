// Reads ferry's job counts straight from its SQLite file (read-only, beside the running ferry: WAL allows it).
import Database from 'better-sqlite3';
import { join } from 'node:path';

export interface JobCounts {
  /** state -> jobs. */
  byState: Record<string, number>;
  /** mapping name -> state -> jobs (filtered jobs have no mapping: key ''). */
  byMapping: Record<string, Record<string, number>>;
}

export class JobsDb {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = new Database(join(dataDir, 'ferry.db'), { readonly: true, fileMustExist: true });
    this.db.pragma('busy_timeout = 5000');
  }

  /** Jobs not finished yet (pending or leased), from the counts ferry keeps by trigger. */
  unfinished(): number {
    const row = this.db
      .prepare<[], { n: number | null }>(`SELECT sum(n) AS n FROM job_counts WHERE state IN ('pending', 'leased')`)
      .get();
    return row?.n ?? 0;
  }

  counts(): JobCounts {
    const rows = this.db
      .prepare<[], { mapping: string | null; state: string; n: number }>(
        'SELECT mapping_name AS mapping, state, count(*) AS n FROM jobs GROUP BY mapping_name, state',
      )
      .all();
    const counts: JobCounts = { byState: {}, byMapping: {} };
    for (const row of rows) {
      counts.byState[row.state] = (counts.byState[row.state] ?? 0) + row.n;
      const mapping = (counts.byMapping[row.mapping ?? ''] ??= {});
      mapping[row.state] = row.n;
    }
    return counts;
  }

  /** The most frequent last errors of rejected or still retrying jobs, for the report. */
  failureReasons(limit = 5): { reason: string; jobs: number }[] {
    return this.db
      .prepare<[number], { reason: string; jobs: number }>(
        `SELECT coalesce(last_error, '(none)') AS reason, count(*) AS jobs FROM jobs
         WHERE state = 'rejected' OR (state IN ('pending', 'leased') AND attempts > 0)
         GROUP BY reason ORDER BY jobs DESC LIMIT ?`,
      )
      .all(limit);
  }

  events(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n;
  }

  close(): void {
    this.db.close();
  }
}
