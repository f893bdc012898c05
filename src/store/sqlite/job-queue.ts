// The job queue: leasing by person (R17), finishing with an attempt record, counts and the next due time.
import type Database from 'better-sqlite3';
import type { AttemptRecord, JobFinish, JobResult, JobState, LeasedJob } from '../types.js';
import { capRequests } from '../cap-requests.js';
import { parseJson, toDate, toDateOrNull, toJson, toJsonOrNull, toMs, UNFINISHED } from './rows.js';

interface CandidateRow {
  id: number;
}

/** A leased job as read, its payload still JSON text: what the writer thread sends back (strings clone cheaply). */
export interface LeasedRow {
  id: number;
  destination_id: string;
  mapping_name: string;
  person_key: string;
  attempts: number;
  give_up_at: number | null;
  payload: string;
  received_at: number;
  created_at: number;
}

interface RunRow {
  id: number;
  mapping_name: string;
  state: string;
  next_attempt_at: number;
}

interface JobRow {
  id: number;
  destination_id: string;
  person_key: string;
  attempts: number;
}

export class JobQueue {
  private readonly duePending;
  private readonly expiredLeases;
  private readonly markLeased;
  private readonly selectLeased;
  private readonly selectLeasedJob;
  private readonly finishRow;
  private readonly retryRow;
  private readonly releaseRow;
  private readonly releaseAll;
  private readonly promoteNext;
  private readonly insertAttempt;
  private readonly countAll;
  private readonly countOne;
  private readonly earliestDue;
  private readonly leaseTx;
  private readonly selectHead;
  private readonly selectBehind;
  private readonly leaseRunTx;
  private readonly finishTx;
  private readonly finishManyTx;

  constructor(db: Database.Database) {
    // Only heads (the oldest unfinished job of a person) are candidates, so a backlog of one person costs nothing here.
    this.duePending = db.prepare<[string, number, number], CandidateRow>(
      `SELECT id FROM jobs INDEXED BY jobs_due WHERE destination_id = ? AND head = 1 AND state = 'pending'
         AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`,
    );
    // A lease that ran out belongs to a worker that died: its job is taken again.
    this.expiredLeases = db.prepare<[string, number, number], CandidateRow>(
      `SELECT id FROM jobs INDEXED BY jobs_lease_expiry WHERE destination_id = ? AND head = 1 AND state = 'leased'
         AND lease_until < ? ORDER BY lease_until LIMIT ?`,
    );
    this.markLeased = db.prepare(`UPDATE jobs SET state = 'leased', lease_until = ? WHERE id = ?`);
    this.selectLeased = db.prepare<[number], LeasedRow>(
      `SELECT j.id, j.destination_id, j.mapping_name, j.person_key, j.attempts, j.give_up_at, e.payload, e.received_at,
         j.created_at
       FROM jobs j JOIN events e ON e.id = j.event_id WHERE j.id = ?`,
    );
    this.selectLeasedJob = db.prepare<[number], JobRow>(
      `SELECT id, destination_id, person_key, attempts FROM jobs WHERE id = ? AND state = 'leased'`,
    );
    this.finishRow = db.prepare(
      `UPDATE jobs SET state = @state, head = 0, attempts = attempts + 1, lease_until = NULL, finished_at = @now,
         last_error = @error, warnings = @warnings WHERE id = @id`,
    );
    this.retryRow = db.prepare(
      `UPDATE jobs SET state = 'pending', attempts = attempts + 1, lease_until = NULL, next_attempt_at = @next,
         give_up_at = @giveUpAt, last_error = @error, warnings = @warnings WHERE id = @id`,
    );
    this.releaseRow = db.prepare(
      `UPDATE jobs SET state = 'pending', lease_until = NULL, next_attempt_at = @next WHERE id = @id`,
    );
    this.releaseAll = db.prepare(`UPDATE jobs SET state = 'pending', lease_until = NULL WHERE state = 'leased'`);
    this.promoteNext = db.prepare(
      `UPDATE jobs SET head = 1 WHERE id = (SELECT id FROM jobs INDEXED BY jobs_unfinished
         WHERE destination_id = ? AND person_key = ? AND state IN ${UNFINISHED} ORDER BY id LIMIT 1)`,
    );
    this.insertAttempt = db.prepare(
      `INSERT INTO attempts (job_id, attempt_no, started_at, duration_ms, status, warnings, error, requests)
       VALUES (@jobId, @attemptNo, @startedAt, @durationMs, @status, @warnings, @error, @requests)`,
    );
    this.countAll = db.prepare<[], { state: JobState; n: number }>(
      'SELECT state, sum(n) AS n FROM job_counts GROUP BY state HAVING sum(n) > 0',
    );
    this.countOne = db.prepare<[string], { state: JobState; n: number }>(
      'SELECT state, n FROM job_counts WHERE destination_id = ? AND n > 0',
    );
    // An expired lease makes its job leasable again, so the worker must wake for it too (1 ms after: `<` above).
    this.earliestDue = db.prepare<[string, string], { at: number | null }>(
      `SELECT min(at) AS at FROM (
         SELECT min(next_attempt_at) AS at FROM jobs INDEXED BY jobs_due
           WHERE destination_id = ? AND head = 1 AND state = 'pending'
         UNION ALL
         SELECT min(lease_until) + 1 FROM jobs INDEXED BY jobs_lease_expiry
           WHERE destination_id = ? AND head = 1 AND state = 'leased')`,
    );
    this.leaseTx = db.transaction((destinationId: string, limit: number, leaseMs: number, now: number) => {
      const ids = [
        ...this.expiredLeases.all(destinationId, now, limit),
        ...this.duePending.all(destinationId, now, limit),
      ]
        .map((row) => row.id)
        .sort((a, b) => a - b)
        .slice(0, limit);
      return ids.map((id) => {
        this.markLeased.run(now + leaseMs, id);
        return this.selectLeased.get(id)!;
      });
    });
    this.selectHead = db.prepare<[number], { destination_id: string; person_key: string; mapping_name: string }>(
      `SELECT destination_id, person_key, mapping_name FROM jobs WHERE id = ? AND state = 'leased'`,
    );
    this.selectBehind = db.prepare<[string, string, number, number], RunRow>(
      `SELECT id, mapping_name, state, next_attempt_at FROM jobs INDEXED BY jobs_unfinished
         WHERE destination_id = ? AND person_key = ? AND state IN ${UNFINISHED} AND id > ? ORDER BY id LIMIT ?`,
    );
    this.leaseRunTx = db.transaction((headJobId: number, limit: number, leaseMs: number, now: number) => {
      const head = this.selectHead.get(headJobId);
      if (head === undefined) return [];
      const ids: number[] = [];
      for (const row of this.selectBehind.all(head.destination_id, head.person_key, headJobId, limit)) {
        if (row.state !== 'pending' || row.next_attempt_at > now || row.mapping_name !== head.mapping_name) break;
        ids.push(row.id);
      }
      return ids.map((id) => {
        this.markLeased.run(now + leaseMs, id);
        return this.selectLeased.get(id)!;
      });
    });
    this.finishTx = db.transaction((jobId: number, result: JobResult, now: number) => this.finishOne(jobId, result, now));
    this.finishManyTx = db.transaction((finishes: readonly JobFinish[]) => {
      for (const f of finishes) this.finishOne(f.jobId, f.result, toMs(f.now));
    });
  }

  private finishOne(jobId: number, result: JobResult, now: number): void {
    const job = this.selectLeasedJob.get(jobId);
    // Not leased: finished or released already (a duplicate call), so nothing to record.
    if (job === undefined) return;
    if (result.kind === 'release') {
      this.releaseRow.run({ id: jobId, next: toMs(result.nextAttemptAt) });
      return;
    }
    const outcome = { id: jobId, error: toJsonOrNull(result.attempt.error), warnings: toJson(result.attempt.warnings) };
    if (result.kind === 'retry') {
      const giveUpAt = result.giveUpAt === null ? null : toMs(result.giveUpAt);
      this.retryRow.run({ ...outcome, next: toMs(result.nextAttemptAt), giveUpAt });
    } else {
      this.finishRow.run({ ...outcome, state: result.status, now });
      this.promoteNext.run(job.destination_id, job.person_key);
    }
    this.recordAttempt(jobId, job.attempts + 1, result.attempt);
  }

  leaseJobs(destinationId: string, limit: number, leaseMs: number, now: Date): LeasedJob[] {
    return this.leaseRows(destinationId, limit, leaseMs, now).map(leasedJobOf);
  }

  leaseRows(destinationId: string, limit: number, leaseMs: number, now: Date): LeasedRow[] {
    if (limit <= 0) return [];
    return this.leaseTx.immediate(destinationId, Math.trunc(limit), Math.ceil(leaseMs), toMs(now));
  }

  leaseRun(headJobId: number, limit: number, leaseMs: number, now: Date): LeasedJob[] {
    return this.leaseRunRows(headJobId, limit, leaseMs, now).map(leasedJobOf);
  }

  leaseRunRows(headJobId: number, limit: number, leaseMs: number, now: Date): LeasedRow[] {
    if (limit <= 0) return [];
    return this.leaseRunTx.immediate(headJobId, Math.trunc(limit), Math.ceil(leaseMs), toMs(now));
  }

  finishJob(jobId: number, result: JobResult, now: Date): void {
    this.finishTx.immediate(jobId, result, toMs(now));
  }

  /** Several finishes in one transaction: one commit instead of one each. */
  finishJobs(finishes: readonly JobFinish[]): void {
    if (finishes.length > 0) this.finishManyTx.immediate(finishes);
  }

  /** Every lease back to pending: only one process uses an embedded store, and it has just started. */
  recoverLeases(): number {
    return this.releaseAll.run().changes;
  }

  jobStateCounts(destinationId?: string): Partial<Record<JobState, number>> {
    const rows = destinationId === undefined ? this.countAll.all() : this.countOne.all(destinationId);
    return Object.fromEntries(rows.map((row) => [row.state, row.n]));
  }

  nextDueAt(destinationId: string): Date | undefined {
    const at = this.earliestDue.get(destinationId, destinationId)?.at ?? null;
    return at === null ? undefined : toDate(at);
  }

  private recordAttempt(jobId: number, attemptNo: number, attempt: AttemptRecord): void {
    this.insertAttempt.run({
      jobId,
      attemptNo,
      startedAt: toMs(attempt.startedAt),
      durationMs: Math.round(attempt.durationMs),
      status: attempt.status,
      warnings: toJson(attempt.warnings),
      error: toJsonOrNull(attempt.error),
      requests: capRequests(attempt.requests),
    });
  }
}

export function leasedJobOf(row: LeasedRow): LeasedJob {
  return {
    id: row.id,
    destinationId: row.destination_id,
    mappingName: row.mapping_name,
    personKey: row.person_key,
    event: parseJson<Record<string, unknown>>(row.payload),
    eventReceivedAt: toDate(row.received_at),
    queuedAt: toDate(row.created_at),
    attempts: row.attempts,
    giveUpAt: toDateOrNull(row.give_up_at),
  };
}
