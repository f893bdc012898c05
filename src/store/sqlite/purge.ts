// Retention: deletes finished jobs (with their attempts) past their retention, orphaned events, old messageIds and stats.
import type Database from 'better-sqlite3';
import type { RetentionSettings } from '../types.js';
import { DEDUP_WINDOW_MS, STATS_RETENTION_MS } from '../retention-windows.js';
import { toMs } from './rows.js';

/** Rows per transaction: a big purge never holds the write lock (or the event loop) for long. */
const CHUNK = 2_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Purger {
  private readonly deleteJobs;
  private readonly oldEventIds;
  private readonly deleteEventIfOrphan;
  private readonly deleteMessageIds;
  private readonly deleteStats;

  constructor(private readonly db: Database.Database) {
    // Unfinished jobs have finished_at NULL, so no retention can ever reach them. Attempts go by ON DELETE CASCADE.
    this.deleteJobs = db.prepare(
      `DELETE FROM jobs WHERE id IN (SELECT id FROM jobs INDEXED BY jobs_finished
         WHERE finished_at < @before AND state IN (SELECT value FROM json_each(@states)) LIMIT ${CHUNK})`,
    );
    // Walks events_received from a (received_at, id) cursor, so newer events are never scanned.
    this.oldEventIds = db.prepare<[number, number, number], { id: number; received_at: number }>(
      `SELECT id, received_at FROM events WHERE received_at < ? AND (received_at, id) > (?, ?)
       ORDER BY received_at, id LIMIT ${CHUNK}`,
    );
    this.deleteEventIfOrphan = db.prepare(
      'DELETE FROM events WHERE id = ? AND NOT EXISTS (SELECT 1 FROM jobs WHERE event_id = events.id)',
    );
    this.deleteMessageIds = db.prepare(
      `DELETE FROM message_ids WHERE (source_id, message_id) IN
         (SELECT source_id, message_id FROM message_ids WHERE received_at < ? LIMIT ${CHUNK})`,
    );
    // The overview's counts outlive the jobs they count, on a retention of their own.
    this.deleteStats = db.prepare(
      `DELETE FROM delivery_stats WHERE (destination_id, minute, state) IN
         (SELECT destination_id, minute, state FROM delivery_stats WHERE minute < ? LIMIT ${CHUNK})`,
    );
  }

  async purge(now: Date, retention: RetentionSettings): Promise<void> {
    const at = toMs(now);
    // Filtered jobs record no attempt; they go with the delivered ones.
    await this.drain(this.deleteJobs, {
      before: at - retention.deliveredMs,
      states: JSON.stringify(['delivered', 'delivered-with-warnings', 'filtered']),
    });
    await this.drain(this.deleteJobs, { before: at - retention.failedMs, states: JSON.stringify(['rejected']) });
    // An event still needed by a job is kept; one no job needs is kept as long as the shortest retention.
    await this.deleteOrphanEvents(at - Math.min(retention.deliveredMs, retention.failedMs));
    await this.drain(this.deleteMessageIds, at - DEDUP_WINDOW_MS);
    await this.drain(this.deleteStats, at - STATS_RETENTION_MS);
  }

  private async drain(statement: Database.Statement, params: unknown): Promise<void> {
    while (this.db.transaction(() => statement.run(params).changes).immediate() >= CHUNK) await yieldToEventLoop();
  }

  private async deleteOrphanEvents(before: number): Promise<void> {
    for (let cursor = { at: Number.MIN_SAFE_INTEGER, id: 0 }; ; await yieldToEventLoop()) {
      const rows = this.oldEventIds.all(before, cursor.at, cursor.id);
      const last = rows[rows.length - 1];
      if (last === undefined) return;
      this.db.transaction(() => rows.forEach((row) => this.deleteEventIfOrphan.run(row.id))).immediate();
      cursor = { at: last.received_at, id: last.id };
    }
  }
}
