// The people role on SQLite (R23): a person's events, jobs, attempts and cache entries erased for good; suppressions; the log.
import type Database from 'better-sqlite3';
import type {
  ErasedCounts, ErasureRecord, PersonIdentifier, PersonIdentifierKind, Suppression,
} from '../types.js';
import { parseJson, toDate, toJson, toMs, UNFINISHED } from './rows.js';

interface SuppressionRow { id: number; kind: PersonIdentifierKind; hash: string; created_at: number }
interface ErasureRow {
  id: number; at: number; actor: string; identifier_kind: PersonIdentifierKind;
  destinations: string; deleted: string; suppression_id: number | null;
}

const suppressionOf = (row: SuppressionRow): Suppression => ({
  id: row.id, kind: row.kind, hash: row.hash, createdAt: toDate(row.created_at),
});

const erasureOf = (row: ErasureRow): ErasureRecord => ({
  id: row.id,
  at: toDate(row.at),
  actor: row.actor,
  identifierKind: row.identifier_kind,
  destinations: parseJson(row.destinations),
  deleted: parseJson(row.deleted),
  suppressionId: row.suppression_id,
});

/** The identity cache kinds (R16) an identifier is remembered under; emails are kept lower-cased there. */
const CACHE_KINDS: Record<PersonIdentifierKind, readonly string[]> = {
  userId: ['external_id'],
  anonymousId: ['anonymous_id'],
  email: ['email', 'lead_email'],
};

// Rare and admin-driven: scanning the events table (no index on the payload) is the price of finding every copy.
const EVENTS_OF: Record<PersonIdentifierKind, string> = {
  userId: `SELECT id FROM events WHERE person_key = @value OR json_extract(payload, '$.userId') = @value`,
  anonymousId: `SELECT id FROM events WHERE person_key = @value OR json_extract(payload, '$.anonymousId') = @value`,
  // Anywhere in the event (traits, context.traits, properties ...), whatever its case; instr skips most events cheaply.
  email: `SELECT id FROM events WHERE instr(lower(payload), @value) > 0
            AND EXISTS (SELECT 1 FROM json_tree(events.payload) WHERE type = 'text' AND lower(atom) = @value)`,
};

export class PeopleTables {
  private readonly eraseTx;
  private readonly insertSuppression;
  private readonly selectSuppressionByHash;
  private readonly selectSuppressions;
  private readonly deleteSuppressionRow;
  private readonly insertErasure;
  private readonly selectErasures;

  constructor(private readonly db: Database.Database) {
    const eventsOf = Object.fromEntries(
      Object.entries(EVENTS_OF).map(([kind, sql]) => [kind, db.prepare<{ value: string }, { id: number }>(sql)]),
    ) as Record<PersonIdentifierKind, Database.Statement<{ value: string }, { id: number }>>;
    const jobsOf = db.prepare<{ events: string; person: string | null }, { id: number; unfinished: number }>(
      `SELECT id, state IN ${UNFINISHED} AS unfinished FROM jobs
       WHERE event_id IN (SELECT value FROM json_each(@events)) OR person_key = @person`,
    );
    const countAttempts = db.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM attempts WHERE job_id IN (SELECT value FROM json_each(?))',
    );
    const deleteJobs = db.prepare('DELETE FROM jobs WHERE id IN (SELECT value FROM json_each(?))');
    const deleteEvents = db.prepare('DELETE FROM events WHERE id IN (SELECT value FROM json_each(?))');
    const contactsOf = db.prepare<{ kinds: string; value: string }, { destination_id: string; contact_id: string }>(
      `SELECT DISTINCT destination_id, contact_id FROM identity_contacts
       WHERE kind IN (SELECT value FROM json_each(@kinds)) AND value = @value`,
    );
    const deleteKeys = db.prepare('DELETE FROM identity_contacts WHERE destination_id = ? AND contact_id = ?');
    const deleteAttachments = db.prepare('DELETE FROM identity_attachments WHERE destination_id = ? AND contact_id = ?');
    // As a forced source delete does: the oldest job left of a person whose head was dropped becomes head (R17).
    const promoteOrphans = db.prepare(
      `UPDATE jobs SET head = 1 WHERE id IN (SELECT min(id) FROM jobs WHERE state IN ${UNFINISHED}
         GROUP BY destination_id, person_key HAVING max(head) = 0)`,
    );
    this.eraseTx = db.transaction((person: PersonIdentifier): ErasedCounts => {
      const value = person.kind === 'email' ? person.value.toLowerCase() : person.value;
      const eventIds = toJson(eventsOf[person.kind].all({ value }).map((row) => row.id));
      const jobs = jobsOf.all({ events: eventIds, person: person.kind === 'email' ? null : value });
      const jobIds = toJson(jobs.map((job) => job.id));
      const attempts = countAttempts.get(jobIds)?.n ?? 0;
      deleteJobs.run(jobIds);
      const events = deleteEvents.run(eventIds).changes;
      let identities = 0;
      for (const contact of contactsOf.all({ kinds: toJson(CACHE_KINDS[person.kind]), value })) {
        identities += deleteKeys.run(contact.destination_id, contact.contact_id).changes;
        identities += deleteAttachments.run(contact.destination_id, contact.contact_id).changes;
      }
      if (jobs.some((job) => job.unfinished === 1)) promoteOrphans.run();
      return { events, jobs: jobs.length, attempts, identities };
    });

    this.insertSuppression = db.prepare(
      'INSERT INTO suppressions (kind, hash, created_at) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING',
    );
    this.selectSuppressionByHash = db.prepare<[string], SuppressionRow>('SELECT * FROM suppressions WHERE hash = ?');
    this.selectSuppressions = db.prepare<[], SuppressionRow>('SELECT * FROM suppressions ORDER BY id');
    this.deleteSuppressionRow = db.prepare('DELETE FROM suppressions WHERE id = ?');
    this.insertErasure = db.prepare(
      `INSERT INTO erasures (at, actor, identifier_kind, destinations, deleted, suppression_id)
       VALUES (@at, @actor, @identifierKind, @destinations, @deleted, @suppressionId)`,
    );
    this.selectErasures = db.prepare<[number], ErasureRow>('SELECT * FROM erasures ORDER BY id DESC LIMIT ?');
  }

  /** Deletes in one transaction (secure_delete zeroes the freed space), then empties the WAL of the old pages. */
  erasePersonData(person: PersonIdentifier): ErasedCounts {
    const counts = this.eraseTx.immediate(person);
    this.truncateWal();
    return counts;
  }

  /**
   * Copies the WAL into the database and truncates it to zero bytes, so no frame holding the deleted rows stays in the
   * -wal file. A reader (another connection) can hold it back: then it is tried again a few times.
   */
  private truncateWal(): void {
    for (let tries = 0; tries < 5; tries++) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy === 0) return;
    }
  }

  addSuppression(kind: PersonIdentifierKind, hash: string, now: Date): Suppression {
    this.insertSuppression.run(kind, hash, toMs(now));
    return suppressionOf(this.selectSuppressionByHash.get(hash)!);
  }

  listSuppressions(): Suppression[] {
    return this.selectSuppressions.all().map(suppressionOf);
  }

  deleteSuppression(id: number): boolean {
    return this.deleteSuppressionRow.run(id).changes === 1;
  }

  recordErasure(record: Omit<ErasureRecord, 'id'>): ErasureRecord {
    const { lastInsertRowid } = this.insertErasure.run({
      at: toMs(record.at),
      actor: record.actor,
      identifierKind: record.identifierKind,
      destinations: toJson(record.destinations),
      deleted: toJson(record.deleted),
      suppressionId: record.suppressionId,
    });
    return { ...record, id: Number(lastInsertRowid) };
  }

  listErasures(limit = 100): ErasureRecord[] {
    return this.selectErasures.all(Math.max(1, Math.min(limit, 1_000))).map(erasureOf);
  }
}
