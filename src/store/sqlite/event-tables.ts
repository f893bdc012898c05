// insertEvents: messageId dedup (per source, 24 h), the event row and its job rows, all in one transaction.
import type Database from 'better-sqlite3';
import type { InsertResult, NewEvent } from '../types.js';
import { toJson, toMs, UNFINISHED } from './rows.js';

export const DEDUP_WINDOW_MS = 24 * 60 * 60 * 1000;

export class EventTables {
  private readonly seenAt;
  private readonly rememberMessageId;
  private readonly insertEvent;
  private readonly personHasUnfinished;
  private readonly insertPendingJob;
  private readonly insertFilteredJob;
  private readonly insertAll;

  constructor(db: Database.Database) {
    this.seenAt = db.prepare<[string, string], { received_at: number }>(
      'SELECT received_at FROM message_ids WHERE source_id = ? AND message_id = ?',
    );
    this.rememberMessageId = db.prepare(
      `INSERT INTO message_ids (source_id, message_id, received_at) VALUES (?, ?, ?)
       ON CONFLICT (source_id, message_id) DO UPDATE SET received_at = excluded.received_at`,
    );
    this.insertEvent = db.prepare(
      `INSERT INTO events (source_id, message_id, type, person_key, payload, received_at)
       VALUES (@sourceId, @messageId, @type, @personKey, @payload, @receivedAt)`,
    );
    this.personHasUnfinished = db.prepare<[string, string], { one: number }>(
      `SELECT 1 AS one FROM jobs WHERE destination_id = ? AND person_key = ? AND state IN ${UNFINISHED} LIMIT 1`,
    );
    this.insertPendingJob = db.prepare(
      `INSERT INTO jobs (event_id, destination_id, mapping_name, action, person_key, state, head, next_attempt_at,
         created_at)
       VALUES (@eventId, @destinationId, @mappingName, @action, @personKey, 'pending', @head, @receivedAt, @receivedAt)`,
    );
    this.insertFilteredJob = db.prepare(
      `INSERT INTO jobs (event_id, destination_id, mapping_name, person_key, state, created_at, finished_at)
       VALUES (@eventId, @destinationId, NULL, @personKey, 'filtered', @receivedAt, @receivedAt)`,
    );
    this.insertAll = db.transaction((events: readonly NewEvent[]) => {
      const result: InsertResult = { inserted: 0, duplicates: 0 };
      for (const event of events) {
        if (this.insertOne(event)) result.inserted += 1;
        else result.duplicates += 1;
      }
      return result;
    });
  }

  insertEvents(events: readonly NewEvent[]): InsertResult {
    return this.insertAll.immediate(events);
  }

  private insertOne(event: NewEvent): boolean {
    const receivedAt = toMs(event.receivedAt);
    const seen = this.seenAt.get(event.sourceId, event.messageId);
    if (seen !== undefined && receivedAt - seen.received_at < DEDUP_WINDOW_MS) return false;
    this.rememberMessageId.run(event.sourceId, event.messageId, receivedAt);
    const eventId = this.insertEvent.run({
      sourceId: event.sourceId,
      messageId: event.messageId,
      type: event.type,
      personKey: event.personKey,
      payload: toJson(event.event),
      receivedAt,
    }).lastInsertRowid;
    for (const job of event.jobs) {
      const row = { eventId, destinationId: job.destinationId, personKey: event.personKey, receivedAt };
      if (job.mappingName === null) {
        this.insertFilteredJob.run(row);
        continue;
      }
      // R17: a job joins behind its person's unfinished ones; with none ahead it is the person's head.
      const head = this.personHasUnfinished.get(job.destinationId, event.personKey) === undefined ? 1 : 0;
      this.insertPendingJob.run({ ...row, mappingName: job.mappingName, action: job.action ?? null, head });
    }
    return true;
  }
}
