// The per-state job counters (job_counts) and per-minute outcomes (delivery_stats) for new jobs, added once per
// transaction: since migration 8 no trigger counts inserted jobs (one upsert per job, and a statement journal with it).
import type Database from 'better-sqlite3';

/** New jobs counted in memory during a transaction (after `start`), then written with `flush` before it commits. */
export class NewJobCounts {
  private readonly byState = new Map<string, { destinationId: string; state: string; n: number }>();
  private readonly finishedByMinute = new Map<string, { destinationId: string; minute: number; state: string; n: number }>();

  constructor(
    private readonly addCount: Database.Statement<[string, string, number]>,
    private readonly addFinished: Database.Statement<[string, number, string, number]>,
  ) {}

  static prepare(db: Database.Database): NewJobCounts {
    return new NewJobCounts(
      db.prepare(`INSERT INTO job_counts (destination_id, state, n) VALUES (?, ?, ?)
        ON CONFLICT (destination_id, state) DO UPDATE SET n = n + excluded.n`),
      db.prepare(`INSERT INTO delivery_stats (destination_id, minute, state, n) VALUES (?, ?, ?, ?)
        ON CONFLICT (destination_id, minute, state) DO UPDATE SET n = n + excluded.n`),
    );
  }

  /** Forgets anything counted by a transaction that failed before its flush. */
  start(): void {
    this.byState.clear();
    this.finishedByMinute.clear();
  }

  /** A job inserted in `state`; one inserted finished (filtered) counts in its minute's outcomes too. */
  add(destinationId: string, state: string, finishedAt?: number): void {
    const key = `${destinationId}\u0000${state}`;
    const counted = this.byState.get(key);
    if (counted) counted.n += 1;
    else this.byState.set(key, { destinationId, state, n: 1 });
    if (finishedAt === undefined) return;
    const minute = finishedAt - (finishedAt % 60_000);
    const minuteKey = `${key}\u0000${minute}`;
    const finished = this.finishedByMinute.get(minuteKey);
    if (finished) finished.n += 1;
    else this.finishedByMinute.set(minuteKey, { destinationId, minute, state, n: 1 });
  }

  /** Writes what was added since `start`, inside the caller's transaction. */
  flush(): void {
    for (const { destinationId, state, n } of this.byState.values()) this.addCount.run(destinationId, state, n);
    for (const { destinationId, minute, state, n } of this.finishedByMinute.values()) this.addFinished.run(destinationId, minute, state, n);
    this.start();
  }
}
