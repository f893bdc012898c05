// The control role's deletes, named settings, single-use keys and admin sessions.
import type pg from 'pg';
import type { AdminSession, DeleteOptions } from '../types.js';
import { lockPeople, personLockKey, promoteHeads, type PersonRef } from './person-locks.js';
import { query, transaction, type Queryable } from './pool.js';
import { unfinishedRefusal } from '../unfinished-refusal.js';

interface SessionRow { id_hash: string; csrf_token: string; token_hash: string; created_at: number; expires_at: number }

const sessionOf = (row: SessionRow): AdminSession => ({
  idHash: row.id_hash,
  csrfToken: row.csrf_token,
  tokenHash: row.token_hash,
  createdAt: new Date(row.created_at),
  expiresAt: new Date(row.expires_at),
});

/** Per destination; mappings go by ON DELETE CASCADE, attempts with their jobs, events left without jobs by the next purge. */
const PER_DESTINATION = ['jobs', 'identity_contacts', 'identity_companies', 'identity_attachments', 'delivery_stats'];

/** The (destination, person) of each unfinished job of a source's events; rare and admin-driven (events_source index). */
async function unfinishedOfSource(client: Queryable, sourceId: string): Promise<PersonRef[]> {
  const { rows } = await client.query<{ destination_id: string; person_key: string }>(
    `SELECT j.destination_id, j.person_key FROM jobs j JOIN events e ON e.id = j.event_id
     WHERE e.source_id = $1 AND j.state IN ('pending', 'leased')`,
    [sourceId],
  );
  return rows.map((row) => ({ destinationId: row.destination_id, personKey: row.person_key }));
}

export class ControlTables {
  constructor(private readonly pool: pg.Pool) {}

  async deleteSource(id: string, options: DeleteOptions = {}): Promise<boolean> {
    const force = options.force === true;
    return transaction(this.pool, async (client) => {
      if ((await client.query('SELECT 1 FROM sources WHERE id = $1', [id])).rowCount === 0) return false;
      // The people's locks first, then the row (every writer takes them in that order); the row lock waits for
      // ingest's transactions of this source and holds new ones back, and the unfinished jobs are read again after it.
      const before = await unfinishedOfSource(client, id);
      if (before.length > 0 && !force) throw unfinishedRefusal(`source "${id}"`, before.length);
      await lockPeople(client, before);
      if ((await client.query('SELECT 1 FROM sources WHERE id = $1 FOR UPDATE', [id])).rowCount === 0) return false;
      const people = await unfinishedOfSource(client, id);
      if (people.length > 0 && !force) throw unfinishedRefusal(`source "${id}"`, people.length);
      const locked = new Set(before.map(personLockKey));
      await lockPeople(client, people.filter((person) => !locked.has(personLockKey(person))));
      await client.query('DELETE FROM jobs WHERE event_id IN (SELECT id FROM events WHERE source_id = $1)', [id]);
      await client.query('DELETE FROM events WHERE source_id = $1', [id]);
      await client.query('DELETE FROM message_ids WHERE source_id = $1', [id]);
      await client.query('DELETE FROM sources WHERE id = $1', [id]);
      // Dropping a person's head job must not strand the jobs behind it (R17): the oldest left becomes head.
      await promoteHeads(client, people);
      return true;
    });
  }

  async deleteDestination(id: string, options: DeleteOptions = {}): Promise<boolean> {
    return transaction(this.pool, async (client) => {
      // The row lock waits for ingest's transactions with jobs for it, and holds new ones back until the delete commits.
      if ((await client.query('SELECT 1 FROM destinations WHERE id = $1 FOR UPDATE', [id])).rowCount === 0) return false;
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*) AS n FROM jobs WHERE destination_id = $1 AND state IN ('pending', 'leased')`,
        [id],
      );
      const count = rows[0]?.n ?? 0;
      if (count > 0 && options.force !== true) throw unfinishedRefusal(`destination "${id}"`, count);
      for (const table of PER_DESTINATION) await client.query(`DELETE FROM ${table} WHERE destination_id = $1`, [id]);
      await client.query('DELETE FROM destinations WHERE id = $1', [id]);
      return true;
    });
  }

  async getSetting(key: string): Promise<string | undefined> {
    return (await query<{ value: string }>(this.pool, 'SELECT value FROM settings WHERE key = $1', [key])).rows[0]?.value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await query(this.pool, 'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  /** Expired keys are purged first, so a key is refused until its expiry and the table stays small. */
  async useOnce(key: string, expiresAt: Date, now = Date.now()): Promise<boolean> {
    const { rows } = await query<{ key: string }>(
      this.pool,
      // This key's own expired row is replaced rather than purged: one statement cannot both delete and insert it.
      `WITH purged AS (DELETE FROM used_once WHERE expires_at <= $3 AND key <> $1)
       INSERT INTO used_once (key, expires_at) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE used_once.expires_at <= $3
       RETURNING key`,
      [key, expiresAt.getTime(), now],
    );
    return rows.length === 1;
  }

  async createSession(session: AdminSession): Promise<void> {
    await query(
      this.pool,
      `WITH purged AS (DELETE FROM admin_sessions WHERE expires_at <= $4)
       INSERT INTO admin_sessions (id_hash, csrf_token, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [session.idHash, session.csrfToken, session.tokenHash, session.createdAt.getTime(), session.expiresAt.getTime()],
    );
  }

  /** An expired session is deleted as it is found, so a stolen old cookie finds nothing even before the next purge. */
  async findSession(idHash: string, now = new Date()): Promise<AdminSession | undefined> {
    const { rows } = await query<SessionRow>(this.pool, 'SELECT * FROM admin_sessions WHERE id_hash = $1', [idHash]);
    const row = rows[0];
    if (row === undefined) return undefined;
    if (row.expires_at <= now.getTime()) {
      await this.deleteSession(idHash);
      return undefined;
    }
    return sessionOf(row);
  }

  async deleteSession(idHash: string): Promise<boolean> {
    return ((await query(this.pool, 'DELETE FROM admin_sessions WHERE id_hash = $1', [idHash])).rowCount ?? 0) === 1;
  }
}
