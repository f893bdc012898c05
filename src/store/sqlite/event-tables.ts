// insertEvents: messageId dedup (per source, 24 h), the event row and its job rows, all in one transaction.
import type Database from 'better-sqlite3';
import type { InsertResult, NewEvent } from '../types.js';
import { toJson, toMs, UNFINISHED } from './rows.js';
import { DEDUP_WINDOW_MS } from '../retention-windows.js';
import { NewJobCounts } from './job-counts.js';

/**
 * Events as their rows are written, column by column (what a writer thread is sent): payloads already JSON, times in
 * unix ms, each event's jobs flattened into the job columns (`jobCounts[i]` of them per event, in order). Arrays of
 * strings cross a thread boundary at about a third of the cost of as many objects.
 */
export interface EventColumns {
  sourceIds: string[];
  messageIds: string[];
  personKeys: string[];
  types: string[];
  payloads: string[];
  receivedAts: number[];
  jobCounts: number[];
  jobDestinations: string[];
  /** null: a filtered job (no mapping matched). */
  jobMappings: (string | null)[];
  jobActions: (string | null)[];
}

export function toEventColumns(events: readonly NewEvent[]): EventColumns {
  const columns: EventColumns = {
    sourceIds: [], messageIds: [], personKeys: [], types: [], payloads: [], receivedAts: [],
    jobCounts: [], jobDestinations: [], jobMappings: [], jobActions: [],
  };
  for (const event of events) {
    columns.sourceIds.push(event.sourceId);
    columns.messageIds.push(event.messageId);
    columns.personKeys.push(event.personKey);
    columns.types.push(event.type);
    columns.payloads.push(toJson(event.event));
    columns.receivedAts.push(toMs(event.receivedAt));
    columns.jobCounts.push(event.jobs.length);
    for (const job of event.jobs) {
      columns.jobDestinations.push(job.destinationId);
      columns.jobMappings.push(job.mappingName);
      columns.jobActions.push(job.action ?? null);
    }
  }
  return columns;
}

export class EventTables {
  private readonly rememberMessageId;
  private readonly insertEvent;
  private readonly insertFirstPendingJob;
  private readonly insertPendingJob;
  private readonly insertFilteredJob;
  private readonly insertAll;
  private readonly counts;

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
    // R17: the person's first job in a transaction is their head unless an unfinished one is ahead: the check and the
    // insert in one statement (one call fewer per event); the person's later jobs in it take insertPendingJob, head 0.
    this.insertFirstPendingJob = db.prepare<[number | bigint, string, string, string | null, string, string, string, number, number]>(
      `INSERT INTO jobs (event_id, destination_id, mapping_name, action, person_key, state, head, next_attempt_at,
         created_at)
       VALUES (?, ?, ?, ?, ?, 'pending', NOT EXISTS (SELECT 1 FROM jobs INDEXED BY jobs_unfinished
         WHERE destination_id = ? AND person_key = ? AND state IN ${UNFINISHED}), ?, ?)`,
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
    this.counts = NewJobCounts.prepare(db);
    this.insertAll = db.transaction((columns: EventColumns) => {
      const result: InsertResult = { inserted: 0, duplicates: 0 };
      this.counts.start();
      // (destination, person) pairs given a pending job in this transaction: their next job is no head, no query needed.
      const queued = new Set<string>();
      let firstJob = 0;
      for (let i = 0; i < columns.messageIds.length; i++) {
        if (this.insertOne(columns, i, firstJob, queued)) result.inserted += 1;
        else result.duplicates += 1;
        firstJob += columns.jobCounts[i]!;
      }
      this.counts.flush();
      return result;
    });
  }

  insertEvents(events: readonly NewEvent[]): InsertResult {
    return this.insertAll.immediate(toEventColumns(events));
  }

  insertColumns(columns: EventColumns): InsertResult {
    return this.insertAll.immediate(columns);
  }

  /** Event `i` of `columns` and its jobs (from `firstJob` in the job columns); false: a duplicate, nothing written. */
  private insertOne(columns: EventColumns, i: number, firstJob: number, queued: Set<string>): boolean {
    const sourceId = columns.sourceIds[i]!;
    const messageId = columns.messageIds[i]!;
    const personKey = columns.personKeys[i]!;
    const receivedAt = columns.receivedAts[i]!;
    if (this.rememberMessageId.run(sourceId, messageId, receivedAt, DEDUP_WINDOW_MS).changes === 0) return false;
    const eventId = this.insertEvent.run(sourceId, messageId, columns.types[i]!, personKey, columns.payloads[i]!, receivedAt).lastInsertRowid;
    const endJob = firstJob + columns.jobCounts[i]!;
    for (let j = firstJob; j < endJob; j++) {
      const destinationId = columns.jobDestinations[j]!;
      const mappingName = columns.jobMappings[j]!;
      if (mappingName === null) {
        this.insertFilteredJob.run(eventId, destinationId, personKey, receivedAt, receivedAt);
        this.counts.add(destinationId, 'filtered', receivedAt);
        continue;
      }
      // R17: a job joins behind its person's unfinished ones; with none ahead it is the person's head.
      const key = `${destinationId}\u0000${personKey}`;
      const action = columns.jobActions[j]!;
      if (queued.has(key)) this.insertPendingJob.run(eventId, destinationId, mappingName, action, personKey, 0, receivedAt, receivedAt);
      else {
        queued.add(key);
        this.insertFirstPendingJob.run(eventId, destinationId, mappingName, action, personKey, destinationId, personKey, receivedAt, receivedAt);
      }
      this.counts.add(destinationId, 'pending');
    }
    return true;
  }
}
