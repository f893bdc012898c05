// Retention: deletes finished jobs (with their attempts) past retention, orphaned events, old messageIds and stats.
import type pg from 'pg';
import { DEDUP_WINDOW_MS, STATS_RETENTION_MS } from '../retention-windows.js';
import type { RetentionSettings } from '../types.js';
import { query } from './pool.js';

/** Rows per statement: a big purge never holds many row locks, nor a long transaction, at once. */
const CHUNK = 2_000;

// Unfinished jobs have finished_at NULL, so no retention can ever reach them. Attempts go by ON DELETE CASCADE.
const DELETE_JOBS = `DELETE FROM jobs WHERE id IN (SELECT id FROM jobs
  WHERE finished_at < $1 AND state = ANY($2::text[]) LIMIT ${CHUNK})`;
const OLD_EVENTS = `SELECT id, received_at FROM events WHERE received_at < $1 AND (received_at, id) > ($2, $3)
  ORDER BY received_at, id LIMIT ${CHUNK}`;
const DELETE_ORPHANS = `DELETE FROM events e WHERE id = ANY($1::bigint[])
  AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.event_id = e.id)`;
const DELETE_MESSAGE_IDS = `DELETE FROM message_ids WHERE (source_id, message_id) IN
  (SELECT source_id, message_id FROM message_ids WHERE received_at < $1 LIMIT ${CHUNK})`;
// The overview's counts outlive the jobs they count, on a retention of their own.
const DELETE_STATS = `DELETE FROM delivery_stats WHERE (destination_id, minute, state) IN
  (SELECT destination_id, minute, state FROM delivery_stats WHERE minute < $1 LIMIT ${CHUNK})`;

export class Purger {
  constructor(private readonly pool: pg.Pool) {}

  async purge(now: Date, retention: RetentionSettings): Promise<void> {
    const at = now.getTime();
    // Filtered jobs record no attempt; they go with the delivered ones.
    await this.drain(DELETE_JOBS, [at - retention.deliveredMs, ['delivered', 'delivered-with-warnings', 'filtered']]);
    await this.drain(DELETE_JOBS, [at - retention.failedMs, ['rejected']]);
    // An event still needed by a job is kept; one no job needs is kept as long as the shortest retention.
    await this.deleteOrphanEvents(at - Math.min(retention.deliveredMs, retention.failedMs));
    await this.drain(DELETE_MESSAGE_IDS, [at - DEDUP_WINDOW_MS]);
    await this.drain(DELETE_STATS, [at - STATS_RETENTION_MS]);
  }

  private async drain(sql: string, values: unknown[]): Promise<void> {
    while (((await query(this.pool, sql, values)).rowCount ?? 0) >= CHUNK);
  }

  private async deleteOrphanEvents(before: number): Promise<void> {
    for (let cursor = { at: Number.MIN_SAFE_INTEGER, id: 0 }; ;) {
      const { rows } = await query<{ id: number; received_at: number }>(this.pool, OLD_EVENTS, [before, cursor.at, cursor.id]);
      const last = rows[rows.length - 1];
      if (last === undefined) return;
      await query(this.pool, DELETE_ORPHANS, [rows.map((row) => row.id)]);
      cursor = { at: last.received_at, id: last.id };
    }
  }
}
