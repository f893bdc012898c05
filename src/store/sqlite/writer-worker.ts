// The writer thread's side: its own connection to ferry's SQLite file, running the writes it is sent one at a time.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { JobFinish, JobResult } from '../types.js';
import { WAL_AUTOCHECKPOINT_PAGES, type SynchronousMode } from './connect.js';
import { EventTables, type EventColumns } from './event-tables.js';
import { JobQueue } from './job-queue.js';
import type { WriterReply, WriterRequest } from './writer-thread.js';

export interface WriterData {
  file: string;
  /** The durability of event inserts; job bookkeeping commits NORMAL (see connect.ts). */
  synchronous: SynchronousMode;
  busyTimeoutMs: number;
}

const { file, synchronous, busyTimeoutMs } = workerData as WriterData;
// The file is open and migrated by the main thread already: only the per-connection pragmas are set here.
const db = new Database(file, { fileMustExist: true });
db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
db.pragma('foreign_keys = ON');
db.pragma('synchronous = NORMAL');
db.pragma('secure_delete = ON');
db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
const events = new EventTables(db);
const jobs = new JobQueue(db);

const operations = {
  insertEvents(columns: EventColumns) {
    if (synchronous === 'NORMAL') return events.insertColumns(columns);
    db.pragma('synchronous = FULL');
    try {
      return events.insertColumns(columns);
    } finally {
      db.pragma('synchronous = NORMAL');
    }
  },
  // Rows, not jobs: the payload crosses as text and is parsed once, on the thread that uses it.
  leaseRows: (destinationId: string, limit: number, leaseMs: number, now: Date) => jobs.leaseRows(destinationId, limit, leaseMs, now),
  finishJob: (jobId: number, result: JobResult, now: Date) => jobs.finishJob(jobId, result, now),
  leaseRunRows: (headJobId: number, limit: number, leaseMs: number, now: Date) => jobs.leaseRunRows(headJobId, limit, leaseMs, now),
  finishJobs: (finishes: JobFinish[]) => jobs.finishJobs(finishes),
  close() {
    if (db.open) db.close();
  },
};

export type WriterOperation = keyof typeof operations;

function run({ id, op, args }: WriterRequest): WriterReply {
  try {
    const operation = operations[op] as (...values: unknown[]) => unknown;
    return { id, ok: true, value: operation(...args) };
  } catch (error) {
    const { name, message, code } = error as { name?: string; message?: string; code?: unknown };
    return { id, ok: false, error: { name: name ?? 'Error', message: message ?? String(error), code: typeof code === 'string' ? code : undefined } };
  }
}

// The delivery's leases and outcomes go before event inserts that wait with them: each is one short NORMAL commit,
// and a delivery step waits for it, while an insert is a longer commit with an fsync.
const jobWrites: WriterRequest[] = [];
const inserts: WriterRequest[] = [];
let scheduled = false;

/** Several waiting leases and outcomes share one commit (each in a savepoint of its own: one failing fails alone). */
const runTogether = db.transaction((requests: WriterRequest[]) => requests.map(run));

function runJobWrites(requests: WriterRequest[]): WriterReply[] {
  if (requests.length === 1) return [run(requests[0]!)];
  try {
    return runTogether.immediate(requests);
  } catch {
    // The shared commit itself failed (the lock not had in time): each on its own, as if they had come alone.
    return requests.map(run);
  }
}

function drain(): void {
  scheduled = false;
  const replies = jobWrites.length > 0 ? runJobWrites(jobWrites.splice(0)) : inserts.length > 0 ? [run(inserts.shift()!)] : [];
  // Answered only once committed; one batch per turn, so requests that arrived meanwhile are sorted in first.
  for (const reply of replies) parentPort!.postMessage(reply);
  schedule();
}

function schedule(): void {
  if (scheduled || (jobWrites.length === 0 && inserts.length === 0)) return;
  scheduled = true;
  setImmediate(drain);
}

parentPort!.on('message', (request: WriterRequest) => {
  (request.op === 'insertEvents' || request.op === 'close' ? inserts : jobWrites).push(request);
  schedule();
});
