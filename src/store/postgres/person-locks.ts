// Per-person advisory locks: whoever decides which job is a person's head (insert, finish, delete) holds the person's lock.
import { createHash } from 'node:crypto';
import type { Queryable } from './pool.js';

/** The first key of every person lock ("fque"); the second is a hash of (destination, person). */
export const PERSON_LOCK_SPACE = 0x66717565;

export interface PersonRef {
  destinationId: string;
  personKey: string;
}

/** A 32-bit key for (destination, person); two people sharing one only wait for each other now and then. */
export function personLockKey(person: PersonRef): number {
  return createHash('sha256').update(`${person.destinationId}\u0000${person.personKey}`).digest().readInt32BE(0);
}

/**
 * SQL taking the locks of `people` for the rest of the transaction, in ascending key order (so two transactions never
 * wait for each other in a cycle). Only integers are written into it, never the ids themselves.
 */
export function lockPeopleSql(people: readonly PersonRef[]): string {
  const keys = [...new Set(people.map(personLockKey))].sort((a, b) => a - b);
  if (keys.length === 0) return '';
  return `SELECT count(pg_advisory_xact_lock(${PERSON_LOCK_SPACE}, k)) FROM unnest(ARRAY[${keys.join(',')}]::int[]) AS k`;
}

export async function lockPeople(client: Queryable, people: readonly PersonRef[]): Promise<void> {
  const sql = lockPeopleSql(people);
  if (sql !== '') await client.query(sql);
}

/** The first key of the lease locks ("flea"); the second is a hash of the destination. */
export const LEASE_LOCK_SPACE = 0x666c6561;

/**
 * SQL taking the destination's lease lock for the rest of the transaction: leases of one destination are taken one
 * node at a time, so each sees the leases the previous one committed (R17 across a lead's two ids, see job-queue.ts).
 */
export function leaseLockSql(destinationId: string): string {
  const key = createHash('sha256').update(destinationId).digest().readInt32BE(0);
  return `SELECT pg_advisory_xact_lock(${LEASE_LOCK_SPACE}, ${key})`;
}

/** Makes the oldest unfinished job of each of `people` its head where none is (its head was deleted), holding their locks. */
export async function promoteHeads(client: Queryable, people: readonly PersonRef[]): Promise<void> {
  if (people.length === 0) return;
  await client.query(
    `UPDATE jobs SET head = true WHERE id IN (
       SELECT min(id) FROM jobs
       WHERE state IN ('pending', 'leased')
         AND (destination_id, person_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
       GROUP BY destination_id, person_key HAVING NOT bool_or(head))`,
    [people.map((p) => p.destinationId), people.map((p) => p.personKey)],
  );
}
