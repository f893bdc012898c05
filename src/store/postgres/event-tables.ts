// insertEvents: messageId dedup (per source, 24 h), the events and their jobs — one statement per batch, in one transaction.
import type pg from 'pg';
import { DEDUP_WINDOW_MS } from '../retention-windows.js';
import type { InsertResult, NewEvent } from '../types.js';
import { lockPeopleSql } from './person-locks.js';
import { pgText, transaction } from './pool.js';

// input: the batch's events (one per messageId); remembered: the messageIds new or last seen longer ago than the window
// (a messageId seen within it is left alone: a duplicate); stored: their events; queued: their jobs. A job is its
// person's head when it is the first of the batch for its (destination, person) and the person has nothing unfinished.
const INSERT_BATCH = { name: 'ferry-insert-batch', text: `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $12::text[], $13::text[])
    WITH ORDINALITY AS t(source_id, message_id, type, person_key, payload, received_at, user_id, anonymous_id, ord)
), remembered AS (
  INSERT INTO message_ids AS m (source_id, message_id, received_at)
  SELECT source_id, message_id, received_at FROM input ORDER BY ord
  ON CONFLICT (source_id, message_id) DO UPDATE SET received_at = excluded.received_at
    WHERE excluded.received_at - m.received_at >= $7
  RETURNING source_id, message_id
), stored AS (
  INSERT INTO events (source_id, message_id, type, person_key, payload, received_at, user_id, anonymous_id)
  SELECT i.source_id, i.message_id, i.type, i.person_key, i.payload, i.received_at, i.user_id, i.anonymous_id
  FROM input i JOIN remembered r USING (source_id, message_id) ORDER BY i.ord
  RETURNING id, source_id, message_id
), job_input AS (
  SELECT * FROM unnest($8::int[], $9::text[], $10::text[], $11::text[])
    WITH ORDINALITY AS j(event_ord, destination_id, mapping_name, action, job_ord)
), new_jobs AS (
  SELECT s.id AS event_id, j.destination_id, j.mapping_name, j.action, i.person_key, i.received_at, j.job_ord,
    j.mapping_name IS NOT NULL
      AND row_number() OVER (PARTITION BY j.destination_id, i.person_key, j.mapping_name IS NULL ORDER BY j.job_ord) = 1
      AND NOT EXISTS (SELECT 1 FROM jobs u WHERE u.destination_id = j.destination_id AND u.person_key = i.person_key
        AND u.state IN ('pending', 'leased')) AS head
  FROM job_input j JOIN input i ON i.ord = j.event_ord
    JOIN stored s ON s.source_id = i.source_id AND s.message_id = i.message_id
), queued AS (
  INSERT INTO jobs (event_id, destination_id, mapping_name, action, person_key, state, head, next_attempt_at,
    created_at, finished_at)
  SELECT event_id, destination_id, mapping_name, CASE WHEN mapping_name IS NOT NULL THEN action END, person_key,
    CASE WHEN mapping_name IS NULL THEN 'filtered' ELSE 'pending' END, head,
    CASE WHEN mapping_name IS NOT NULL THEN received_at END, received_at,
    CASE WHEN mapping_name IS NULL THEN received_at END
  FROM new_jobs ORDER BY job_ord
  RETURNING 1
)
SELECT (SELECT count(*) FROM stored) AS inserted` };

export class EventTables {
  constructor(private readonly pool: pg.Pool) {}

  async insertEvents(events: readonly NewEvent[]): Promise<InsertResult> {
    if (events.length === 0) return { inserted: 0, duplicates: 0 };
    // A messageId twice in one batch: the first is the event, the others duplicates (one statement cannot upsert a row twice).
    const seen = new Set<string>();
    const kept = events.map(storable).filter((event) => {
      const key = `${event.sourceId}\u0000${event.messageId}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const jobs = kept.flatMap((event, index) => event.jobs.map((job) => ({ ...job, eventOrd: index + 1, personKey: event.personKey })));
    // The people given pending jobs wait for each other's transactions: heads are decided one writer at a time (R17).
    const people = jobs.filter((job) => job.mappingName !== null);
    const locks = lockPeopleSql(people);
    const { rows } = await transaction(
      this.pool,
      (client) => client.query<{ inserted: number }>({ ...INSERT_BATCH, values: [
        kept.map((e) => e.sourceId),
        kept.map((e) => e.messageId),
        kept.map((e) => e.type),
        kept.map((e) => e.personKey),
        kept.map((e) => JSON.stringify(e.event)),
        kept.map((e) => e.receivedAt.getTime()),
        DEDUP_WINDOW_MS,
        jobs.map((j) => j.eventOrd),
        jobs.map((j) => j.destinationId),
        jobs.map((j) => j.mappingName),
        jobs.map((j) => j.action ?? null),
        kept.map((e) => segmentId(e.event.userId)),
        kept.map((e) => segmentId(e.event.anonymousId)),
      ] }),
      locks === '' ? 'BEGIN' : `BEGIN; ${locks}`,
    );
    const inserted = rows[0]?.inserted ?? 0;
    return { inserted, duplicates: events.length - inserted };
  }
}

/** A userId or anonymousId as the leasing query compares them (R17 across nodes): a non-empty string, else null. */
export function segmentId(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? pgText(value) : null;
}

/** The event with its ids as PostgreSQL text can hold them (its payload, JSON, keeps them exactly). */
function storable(event: NewEvent): NewEvent {
  const { messageId, personKey, type } = event;
  if (!`${messageId}${personKey}${type}`.includes('\u0000')) return event;
  return { ...event, messageId: pgText(messageId), personKey: pgText(personKey), type: pgText(type) };
}
