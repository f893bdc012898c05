// Delivery counts per minute or hour: finished jobs from delivery_stats (job-counts.ts and a trigger keep it), waiting ones from jobs.
import type Database from 'better-sqlite3';
import type { JobState, StatsBucket } from '../types.js';
import { logState } from '../delivery-log-sql.js';
import { toDate, toMs } from './rows.js';

const BUCKET_MS = { minute: 60_000, hour: 3_600_000 } as const;


interface CountRow {
  start: number;
  state: JobState;
  attempts: number;
  n: number;
}

export class DeliveryStats {
  private readonly finishedCounts;
  private readonly unfinishedCounts;

  constructor(db: Database.Database) {
    this.finishedCounts = db.prepare<[{ destinationId: string; from: number; size: number }], CountRow>(
      `SELECT minute - minute % @size AS start, state, 0 AS attempts, sum(n) AS n FROM delivery_stats
       WHERE destination_id = @destinationId AND minute >= @from GROUP BY 1, 2`,
    );
    // Waiting jobs are counted where they were queued; only the unfinished index is read, never the finished jobs.
    this.unfinishedCounts = db.prepare<[{ destinationId: string; from: number; size: number }], CountRow>(
      `SELECT created_at - created_at % @size AS start, state, min(attempts, 1) AS attempts, count(*) AS n
       FROM jobs INDEXED BY jobs_log_unfinished
       WHERE destination_id = @destinationId AND state IN ('pending', 'leased') AND created_at >= @from
       GROUP BY 1, 2, 3`,
    );
  }

  deliveryStats(destinationId: string, from: Date, bucket: 'minute' | 'hour'): StatsBucket[] {
    const size = BUCKET_MS[bucket];
    const params = { destinationId, size, from: toMs(from) - (((toMs(from) % size) + size) % size) };
    const buckets = new Map<number, StatsBucket>();
    for (const row of [...this.finishedCounts.all(params), ...this.unfinishedCounts.all(params)]) {
      const entry = buckets.get(row.start) ?? { start: toDate(row.start), counts: {} };
      const state = logState(row.state, row.attempts);
      entry.counts[state] = (entry.counts[state] ?? 0) + row.n;
      buckets.set(row.start, entry);
    }
    return [...buckets.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
  }
}
