// The job queue: leasing each person's head job with FOR UPDATE SKIP LOCKED (R17 across processes), outcomes, counts.
import type pg from 'pg';
import { capRequests } from '../cap-requests.js';
import type { JobFinish, JobResult, JobState, LeasedJob } from '../types.js';
import { leaseLockSql, lockPeopleSql, type PersonRef } from './person-locks.js';
import { query, transaction, type Statement } from './pool.js';

interface LeasedRow {
  id: number; destination_id: string; mapping_name: string; person_key: string; attempts: number;
  give_up_at: number | null; payload: string; received_at: number; created_at: number;
}

// Only heads are candidates, and a person has one head (jobs_one_head): whatever another process holds locked is
// skipped, never waited for, and no process can take a person's next job while the head is unfinished.
// held: the userIds and anonymousIds of the jobs leased now on any node. A head sharing one of them (a lead's
// anonymous calls and the identify converting it, under two person keys) is not taken until that job finishes (R17);
// the destination's lease lock (leaseLockSql) makes every lease see the ones committed before it.
// Due heads by due time and expired leases by expiry (each from its partial index), then the oldest of both.
const HELD = `held AS (
  SELECT e.user_id, e.anonymous_id FROM jobs l JOIN events e ON e.id = l.event_id
  WHERE l.destination_id = $1 AND l.head AND l.state = 'leased' AND l.lease_until >= $2
)`;
const FREE = 'NOT EXISTS (SELECT 1 FROM held h WHERE h.user_id = e.user_id OR h.anonymous_id = e.anonymous_id)';
const LEASE: Statement = { name: 'ferry-lease', text: `
WITH ${HELD}, due AS (
  SELECT j.id FROM jobs j JOIN events e ON e.id = j.event_id
  WHERE j.destination_id = $1 AND j.head AND j.state = 'pending' AND j.next_attempt_at <= $2 AND ${FREE}
  ORDER BY j.next_attempt_at LIMIT $3 FOR UPDATE OF j SKIP LOCKED
), expired AS (
  SELECT j.id FROM jobs j JOIN events e ON e.id = j.event_id
  WHERE j.destination_id = $1 AND j.head AND j.state = 'leased' AND j.lease_until < $2 AND ${FREE}
  ORDER BY j.lease_until LIMIT $3 FOR UPDATE OF j SKIP LOCKED
), picked AS (
  SELECT id FROM (SELECT id FROM due UNION ALL SELECT id FROM expired) c ORDER BY id LIMIT $3
), leased AS (
  UPDATE jobs j SET state = 'leased', lease_until = $4, lease_node = $5 FROM picked WHERE j.id = picked.id
  RETURNING j.id, j.destination_id, j.mapping_name, j.person_key, j.attempts, j.give_up_at, j.created_at, j.event_id
)
SELECT l.id, l.destination_id, l.mapping_name, l.person_key, l.attempts, l.give_up_at, l.created_at, e.payload,
  e.received_at
FROM leased l JOIN events e ON e.id = l.event_id ORDER BY l.id` };

// The head's person's unfinished jobs behind it, the run ending at the first not pending, not due or of another mapping.
const LEASE_RUN: Statement = { name: 'ferry-lease-run', text: `
WITH head AS (SELECT destination_id, person_key, mapping_name FROM jobs WHERE id = $1 AND state = 'leased'),
behind AS (
  SELECT j.id, (j.state = 'pending' AND j.next_attempt_at <= $2 AND j.mapping_name = h.mapping_name) AS fits
  FROM jobs j JOIN head h ON j.destination_id = h.destination_id AND j.person_key = h.person_key
  WHERE j.state IN ('pending', 'leased') AND j.id > $1 ORDER BY j.id LIMIT $3
), run AS (
  SELECT b.id FROM behind b WHERE NOT EXISTS (SELECT 1 FROM behind x WHERE x.id <= b.id AND NOT x.fits)
), leased AS (
  UPDATE jobs j SET state = 'leased', lease_until = $4, lease_node = $5 FROM run WHERE j.id = run.id AND j.state = 'pending'
  RETURNING j.id, j.destination_id, j.mapping_name, j.person_key, j.attempts, j.give_up_at, j.created_at, j.event_id
)
SELECT l.id, l.destination_id, l.mapping_name, l.person_key, l.attempts, l.give_up_at, l.created_at, e.payload,
  e.received_at
FROM leased l JOIN events e ON e.id = l.event_id ORDER BY l.id` };

const RECORD_ATTEMPT = `INSERT INTO attempts (job_id, attempt_no, started_at, duration_ms, status, warnings, error, requests)
  SELECT id, attempts, $2, $3, $4, $5, $6, $7 FROM done`;
// $1 id, $2-$7 the attempt, then the outcome's own values.
const FINISH: Statement = { name: 'ferry-finish', text: `WITH done AS (
  UPDATE jobs SET state = $8, head = false, attempts = attempts + 1, lease_until = NULL, lease_node = NULL, finished_at = $9,
    last_error = $6, warnings = $5
  WHERE id = $1 AND state = 'leased' RETURNING id, attempts)
  ${RECORD_ATTEMPT}` };
const RETRY: Statement = { name: 'ferry-retry', text: `WITH done AS (
  UPDATE jobs SET state = 'pending', attempts = attempts + 1, lease_until = NULL, lease_node = NULL, next_attempt_at = $8,
    give_up_at = $9, last_error = $6, warnings = $5
  WHERE id = $1 AND state = 'leased' RETURNING id, attempts)
  ${RECORD_ATTEMPT}` };
const RELEASE: Statement = {
  name: 'ferry-release',
  text: `UPDATE jobs SET state = 'pending', lease_until = NULL, lease_node = NULL, next_attempt_at = $2
    WHERE id = $1 AND state = 'leased'`,
};
const PROMOTE_NEXT: Statement = { name: 'ferry-promote-next', text: `UPDATE jobs SET head = true WHERE id = (SELECT id FROM jobs
  WHERE destination_id = $1 AND person_key = $2 AND state IN ('pending', 'leased') ORDER BY id LIMIT 1)` };
// An expired lease makes its job leasable again, so the worker must wake for it too (1 ms after: `<` above). A head
// waiting for a leased job sharing one of its ids is not due: that lease's end (or the idle poll) wakes the worker.
const NEXT_DUE = { name: 'ferry-next-due', text: `WITH ${HELD}
SELECT min(at) AS at FROM (
  (SELECT j.next_attempt_at AS at FROM jobs j JOIN events e ON e.id = j.event_id
   WHERE j.destination_id = $1 AND j.head AND j.state = 'pending' AND ${FREE} ORDER BY j.next_attempt_at LIMIT 1)
  UNION ALL
  SELECT min(lease_until) + 1 FROM jobs WHERE destination_id = $1 AND head AND state = 'leased') t` };

export class JobQueue {
  /** `nodeId`: this process's node, recorded on every lease it takes. */
  constructor(private readonly pool: pg.Pool, private readonly nodeId: string) {}

  async leaseJobs(destinationId: string, limit: number, leaseMs: number, now: Date): Promise<LeasedJob[]> {
    if (limit <= 0) return [];
    const at = now.getTime();
    const values = [destinationId, at, Math.trunc(limit), at + Math.ceil(leaseMs), this.nodeId];
    const { rows } = await transaction(
      this.pool,
      (client) => client.query<LeasedRow>({ ...LEASE, values }),
      `BEGIN; ${leaseLockSql(destinationId)}`,
    );
    return rows.map(leasedJobOf);
  }

  async leaseRun(headJobId: number, limit: number, leaseMs: number, now: Date): Promise<LeasedJob[]> {
    if (limit <= 0) return [];
    const at = now.getTime();
    const values = [headJobId, at, Math.trunc(limit), at + Math.ceil(leaseMs), this.nodeId];
    return (await query<LeasedRow>(this.pool, LEASE_RUN, values)).rows.map(leasedJobOf);
  }

  /** Holds the person's lock: the next head is chosen while no insert of the person can decide its own. */
  async finishJob(jobId: number, result: JobResult, now: Date): Promise<void> {
    const found = await query<{ destination_id: string; person_key: string }>(
      this.pool,
      { name: 'ferry-leased-job', text: `SELECT destination_id, person_key FROM jobs WHERE id = $1 AND state = 'leased'` },
      [jobId],
    );
    const row = found.rows[0];
    // Not leased: finished or released already (a duplicate call), so nothing to record.
    if (row === undefined) return;
    const person: PersonRef = { destinationId: row.destination_id, personKey: row.person_key };
    if (result.kind === 'release') {
      await query(this.pool, RELEASE, [jobId, result.nextAttemptAt.getTime()]);
      return;
    }
    const { attempt } = result;
    const recorded = [
      jobId,
      attempt.startedAt.getTime(),
      Math.round(attempt.durationMs),
      attempt.status,
      JSON.stringify(attempt.warnings),
      attempt.error === undefined ? null : JSON.stringify(attempt.error),
      capRequests(attempt.requests),
    ];
    await transaction(
      this.pool,
      async (client) => {
        if (result.kind === 'retry') {
          await client.query({ ...RETRY, values: [...recorded, result.nextAttemptAt.getTime(), result.giveUpAt?.getTime() ?? null] });
          return;
        }
        const done = await client.query({ ...FINISH, values: [...recorded, result.status, now.getTime()] });
        if (done.rowCount === 1) await client.query({ ...PROMOTE_NEXT, values: [person.destinationId, person.personKey] });
      },
      `BEGIN; ${lockPeopleSql([person])}`,
    );
  }

  /**
   * One after the other, each in its own transaction under its person's lock (as finishJob): the commit is a round trip
   * here, not the cost it is in SQLite, and one transaction would hold many people's locks at once.
   */
  async finishJobs(finishes: readonly JobFinish[]): Promise<void> {
    for (const f of finishes) await this.finishJob(f.jobId, f.result, f.now);
  }

  /**
   * At start: this node's own leases (its previous run died holding them, so no worker runs them now) and every expired
   * one. A live lease of another node belongs to a live worker there and is left alone.
   */
  async recoverLeases(now: Date): Promise<number> {
    const result = await query(
      this.pool,
      `UPDATE jobs SET state = 'pending', lease_until = NULL, lease_node = NULL
       WHERE state = 'leased' AND (lease_until < $1 OR lease_node = $2)`,
      [now.getTime(), this.nodeId],
    );
    return result.rowCount ?? 0;
  }

  async jobStateCounts(destinationId?: string): Promise<Partial<Record<JobState, number>>> {
    const { rows } = destinationId === undefined
      ? await query<{ state: JobState; n: number }>(this.pool, 'SELECT state, count(*) AS n FROM jobs GROUP BY state')
      : await query<{ state: JobState; n: number }>(
        this.pool, 'SELECT state, count(*) AS n FROM jobs WHERE destination_id = $1 GROUP BY state', [destinationId],
      );
    return Object.fromEntries(rows.map((row) => [row.state, row.n]));
  }

  async nextDueAt(destinationId: string): Promise<Date | undefined> {
    const at = (await query<{ at: number | null }>(this.pool, NEXT_DUE, [destinationId, Date.now()])).rows[0]?.at ?? null;
    return at === null ? undefined : new Date(at);
  }
}

function leasedJobOf(row: LeasedRow): LeasedJob {
  return {
    id: row.id,
    destinationId: row.destination_id,
    mappingName: row.mapping_name,
    personKey: row.person_key,
    event: JSON.parse(row.payload) as Record<string, unknown>,
    eventReceivedAt: new Date(row.received_at),
    queuedAt: new Date(row.created_at),
    attempts: row.attempts,
    giveUpAt: row.give_up_at === null ? null : new Date(row.give_up_at),
  };
}
