// insertEvents: messageId dedup (per source, 24 h), the event row and its job rows, all in one transaction.
import type Database from 'better-sqlite3';
import type { InsertResult, NewEvent, NewJob } from '../types.js';
import { toJson, toMs, UNFINISHED } from './rows.js';
import { DEDUP_WINDOW_MS } from '../retention-windows.js';

/** An event as its row is written: the payload already JSON, the time in unix ms (what a writer thread is sent). */
export interface EventRow {
  sourceId: string;
  messageId: string;
  personKey: string;
  type: string;
  payload: string;
  receivedAt: number;
  jobs: NewJob[];
}

export function toEventRows(events: readonly NewEvent[]): EventRow[] {
  return events.map((event) => ({
    sourceId: event.sourceId,
    messageId: event.messageId,
    personKey: event.personKey,
    type: event.type,
    payload: toJson(event.event),
    receivedAt: toMs(event.receivedAt),
    jobs: event.jobs,
  }));
}

export class EventTables {
  private readonly rememberMessageId;
  private readonly insertEvent;
  private readonly personHasUnfinished;
  private readonly insertPendingJob;
  private readonly insertFilteredJob;
  private readonly insertAll;

  constructor(db: Database.Database) {
    // One statement decides and records: a new messageId is inserted, one seen longer ago than the window is
    // refreshed, one seen within it is left alone (no change: a duplicate).
    this.rememberMessageId = db.prepare<[string, string, number, number]>(
      `INSERT INTO message_ids (source_id, message_id, received_at) VALUES (?, ?, ?)
       ON CONFLICT (source_id, message_id) DO UPDATE SET received_at = excluded.received_at
         WHERE excluded.received_at - message_ids.received_at >= ?`,
    );
    // Positional parameters: at ingest rates, binding a fresh object per row costs a good part of the insert itself.
    this.insertEvent = db.prepare<[string, string, string, string, string, number]>(
      'INSERT INTO events (source_id, message_id, type, person_key, payload, received_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.personHasUnfinished = db.prepare<[string, string], { one: number }>(
      `SELECT 1 AS one FROM jobs WHERE destination_id = ? AND person_key = ? AND state IN ${UNFINISHED} LIMIT 1`,
    );
    this.insertPendingJob = db.prepare<[number | bigint, string, string, string | null, string, number, number, number]>(
      `INSERT INTO jobs (event_id, destination_id, mapping_name, action, person_key, state, head, next_attempt_at,
         created_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
    );
    this.insertFilteredJob = db.prepare<[number | bigint, string, string, number, number]>(
      `INSERT INTO jobs (event_id, destination_id, mapping_name, person_key, state, created_at, finished_at)
       VALUES (?, ?, NULL, ?, 'filtered', ?, ?)`,
    );
    this.insertAll = db.transaction((events: readonly EventRow[]) => {
      const result: InsertResult = { inserted: 0, duplicates: 0 };
      // (destination, person) pairs given a pending job in this transaction: their next job is no head, no query needed.
      const queued = new Set<string>();
      for (const event of events) {
        if (this.insertOne(event, queued)) result.inserted += 1;
        else result.duplicates += 1;
      }
      return result;
    });
  }

  insertEvents(events: readonly NewEvent[]): InsertResult {
    return this.insertAll.immediate(toEventRows(events));
  }

  insertRows(rows: readonly EventRow[]): InsertResult {
    return this.insertAll.immediate(rows);
  }

  private insertOne(event: EventRow, queued: Set<string>): boolean {
    const { sourceId, messageId, personKey, receivedAt } = event;
    if (this.rememberMessageId.run(sourceId, messageId, receivedAt, DEDUP_WINDOW_MS).changes === 0) return false;
    const eventId = this.insertEvent.run(sourceId, messageId, event.type, personKey, event.payload, receivedAt).lastInsertRowid;
    for (const job of event.jobs) {
      if (job.mappingName === null) {
        this.insertFilteredJob.run(eventId, job.destinationId, personKey, receivedAt, receivedAt);
        continue;
      }
      // R17: a job joins behind its person's unfinished ones; with none ahead it is the person's head.
      const key = `${job.destinationId}\u0000${personKey}`;
      const head = queued.has(key) || this.personHasUnfinished.get(job.destinationId, personKey) !== undefined ? 0 : 1;
      queued.add(key);
      this.insertPendingJob.run(eventId, job.destinationId, job.mappingName, job.action ?? null, personKey, head, receivedAt, receivedAt);
    }
    return true;
  }
}
