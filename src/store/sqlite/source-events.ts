// A source's recent events with their deliveries: the source page's live view (newest first, paged by event id).
import type Database from 'better-sqlite3';
import { pageSize } from '../delivery-cursor.js';
import type { JobState, SourceEvent, SourceEventDelivery } from '../types.js';
import { logState } from '../delivery-log-sql.js';
import { parseJson, toDate } from './rows.js';

interface EventRow {
  id: number;
  message_id: string;
  type: string;
  payload: string;
  received_at: number;
}

interface JobRow {
  id: number;
  event_id: number;
  destination_id: string;
  mapping_name: string | null;
  action: string | null;
  state: JobState;
  attempts: number;
}

export class SourceEvents {
  private readonly selectEvents;
  private readonly selectJobs;

  constructor(db: Database.Database) {
    // Walks the events backwards from `before` by id (arrival order), keeping the source's.
    this.selectEvents = db.prepare<[string, number, number], EventRow>(
      `SELECT id, message_id, type, payload, received_at FROM events
       WHERE source_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
    );
    // One statement for any number of events: their ids as a JSON array (the jobs_event index finds each one's jobs).
    this.selectJobs = db.prepare<[string], JobRow>(
      `SELECT id, event_id, destination_id, mapping_name, action, state, attempts FROM jobs
       WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    );
  }

  listSourceEvents(sourceId: string, page: { limit?: number; before?: number } = {}): { events: SourceEvent[]; nextBefore?: number } {
    const limit = pageSize(page.limit);
    const rows = this.selectEvents.all(sourceId, page.before ?? Number.MAX_SAFE_INTEGER, limit + 1);
    const shown = rows.slice(0, limit);
    const deliveries = new Map<number, SourceEventDelivery[]>(shown.map((row) => [row.id, []]));
    for (const job of this.selectJobs.all(JSON.stringify(shown.map((row) => row.id)))) {
      deliveries.get(job.event_id)?.push({
        id: job.id,
        destinationId: job.destination_id,
        mappingName: job.mapping_name,
        action: job.action,
        state: logState(job.state, job.attempts),
      });
    }
    const events = shown.map((row): SourceEvent => ({
      id: row.id,
      messageId: row.message_id,
      type: row.type,
      receivedAt: toDate(row.received_at),
      event: parseJson<Record<string, unknown>>(row.payload),
      deliveries: deliveries.get(row.id) ?? [],
    }));
    const last = events[events.length - 1];
    return rows.length > limit && last !== undefined ? { events, nextBefore: last.id } : { events };
  }
}
