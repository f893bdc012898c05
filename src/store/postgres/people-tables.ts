// The people role on PostgreSQL (R23): a person's events, jobs, attempts and cache entries erased; suppressions; the log.
import type pg from 'pg';
import type { ErasedCounts, ErasureRecord, PersonIdentifier, PersonIdentifierKind, Suppression } from '../types.js';
import { lockPeople, promoteHeads, type PersonRef } from './person-locks.js';
import { pgText, query, transaction } from './pool.js';

interface SuppressionRow { id: number; kind: PersonIdentifierKind; hash: string; created_at: number }
interface ErasureRow {
  id: number; at: number; actor: string; identifier_kind: PersonIdentifierKind; destinations: string; deleted: string;
  suppression_id: number | null;
}

const suppressionOf = (row: SuppressionRow): Suppression => ({
  id: row.id, kind: row.kind, hash: row.hash, createdAt: new Date(row.created_at),
});

const erasureOf = (row: ErasureRow): ErasureRecord => ({
  id: row.id,
  at: new Date(row.at),
  actor: row.actor,
  identifierKind: row.identifier_kind,
  destinations: JSON.parse(row.destinations) as ErasureRecord['destinations'],
  deleted: JSON.parse(row.deleted) as ErasedCounts,
  suppressionId: row.suppression_id,
});

/** The identity cache kinds (R16) an identifier is remembered under; emails are kept lower-cased there. */
const CACHE_KINDS: Record<PersonIdentifierKind, readonly string[]> = {
  userId: ['external_id'],
  anonymousId: ['anonymous_id'],
  email: ['email', 'lead_email'],
};

// The payload as jsonb, which refuses the escape \u0000 that JSON text may hold: read as U+FFFD, as pgText stores ids.
const PAYLOAD = `replace(payload, '\\u0000', '\\ufffd')::jsonb`;

// Rare and admin-driven: scanning the events (no index on the payload) is the price of finding every copy.
const EVENTS_OF: Record<PersonIdentifierKind, string> = {
  userId: `SELECT id FROM events WHERE person_key = $1 OR ${PAYLOAD} ->> 'userId' = $1`,
  anonymousId: `SELECT id FROM events WHERE person_key = $1 OR ${PAYLOAD} ->> 'anonymousId' = $1`,
  // Any string anywhere in the event (traits, context.traits, properties ...), whatever its case; strpos skips most cheaply.
  email: `SELECT id FROM events WHERE strpos(lower(payload), $1) > 0 AND EXISTS (
    SELECT 1 FROM jsonb_path_query(${PAYLOAD}, 'strict $.**') AS v
    WHERE jsonb_typeof(v) = 'string' AND lower(v #>> '{}') = $1)`,
};

export class PeopleTables {
  constructor(private readonly pool: pg.Pool) {}

  /** One transaction; the rows become dead tuples that vacuum reclaims (see docs/postgres.md on what remains on disk). */
  async erasePersonData(person: PersonIdentifier): Promise<ErasedCounts> {
    const value = pgText(person.kind === 'email' ? person.value.toLowerCase() : person.value);
    return transaction(this.pool, async (client) => {
      const eventIds = (await client.query<{ id: number }>(EVENTS_OF[person.kind], [value])).rows.map((row) => row.id);
      const jobs = await client.query<{ id: number; destination_id: string; person_key: string; unfinished: boolean }>(
        `SELECT id, destination_id, person_key, state IN ('pending', 'leased') AS unfinished FROM jobs
         WHERE event_id = ANY($1::bigint[]) OR person_key = $2`,
        [eventIds, person.kind === 'email' ? null : value],
      );
      const jobIds = jobs.rows.map((job) => job.id);
      const people: PersonRef[] = jobs.rows
        .filter((job) => job.unfinished)
        .map((job) => ({ destinationId: job.destination_id, personKey: job.person_key }));
      await lockPeople(client, people);
      const attempts = await client.query<{ n: number }>('SELECT count(*) AS n FROM attempts WHERE job_id = ANY($1::bigint[])', [jobIds]);
      await client.query('DELETE FROM jobs WHERE id = ANY($1::bigint[])', [jobIds]);
      const events = await client.query('DELETE FROM events WHERE id = ANY($1::bigint[])', [eventIds]);
      const contacts = await client.query<{ n: number }>(
        `WITH contacts AS (
           SELECT DISTINCT destination_id, contact_id FROM identity_contacts WHERE kind = ANY($1::text[]) AND value = $2
         ), keys AS (
           DELETE FROM identity_contacts k USING contacts c
           WHERE k.destination_id = c.destination_id AND k.contact_id = c.contact_id RETURNING 1
         ), attachments AS (
           DELETE FROM identity_attachments a USING contacts c
           WHERE a.destination_id = c.destination_id AND a.contact_id = c.contact_id RETURNING 1
         )
         SELECT (SELECT count(*) FROM keys) + (SELECT count(*) FROM attachments) AS n`,
        [CACHE_KINDS[person.kind], value],
      );
      // As a forced source delete does: the oldest job left of a person whose head was dropped becomes head (R17).
      await promoteHeads(client, people);
      return {
        events: events.rowCount ?? 0,
        jobs: jobIds.length,
        attempts: attempts.rows[0]?.n ?? 0,
        identities: contacts.rows[0]?.n ?? 0,
      };
    });
  }

  async addSuppression(kind: PersonIdentifierKind, hash: string, now: Date): Promise<Suppression> {
    await query(this.pool, 'INSERT INTO suppressions (kind, hash, created_at) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING', [
      kind, hash, now.getTime(),
    ]);
    const { rows } = await query<SuppressionRow>(this.pool, 'SELECT * FROM suppressions WHERE hash = $1', [hash]);
    return suppressionOf(rows[0]!);
  }

  async listSuppressions(): Promise<Suppression[]> {
    return (await query<SuppressionRow>(this.pool, 'SELECT * FROM suppressions ORDER BY id')).rows.map(suppressionOf);
  }

  async deleteSuppression(id: number): Promise<boolean> {
    if (!Number.isSafeInteger(id)) return false;
    return ((await query(this.pool, 'DELETE FROM suppressions WHERE id = $1', [id])).rowCount ?? 0) === 1;
  }

  async recordErasure(record: Omit<ErasureRecord, 'id'>): Promise<ErasureRecord> {
    const { rows } = await query<{ id: number }>(
      this.pool,
      `INSERT INTO erasures (at, actor, identifier_kind, destinations, deleted, suppression_id)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [record.at.getTime(), record.actor, record.identifierKind, JSON.stringify(record.destinations), JSON.stringify(record.deleted), record.suppressionId],
    );
    return { ...record, id: rows[0]!.id };
  }

  async listErasures(limit = 100): Promise<ErasureRecord[]> {
    const { rows } = await query<ErasureRow>(this.pool, 'SELECT * FROM erasures ORDER BY id DESC LIMIT $1', [
      Math.max(1, Math.min(limit, 1_000)),
    ]);
    return rows.map(erasureOf);
  }
}
