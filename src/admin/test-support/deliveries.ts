// Test support for the delivery routes: events queued straight into the store, and their jobs settled by hand.
import type { AttemptRecord, EventStore, JobQueueStore, JobResult, NewJob } from '../../store/types.js';

export const TRACK: NewJob = { destinationId: 'intercom', mappingName: 'Track Event', action: 'trackEvent' };
export const IDENTIFY: NewJob = { destinationId: 'intercom', mappingName: 'Identify Contact', action: 'identifyContact' };
export const NO_MATCH: NewJob = { destinationId: 'intercom', mappingName: null };

/** Queues `track` event `n` of `person` at `at` with `jobs` (default: the Track Event preset). */
export async function queue(store: EventStore, n: number, person: string, at: Date, jobs: NewJob[] = [TRACK]) {
  const messageId = `m-${n}`;
  await store.insertEvents([{
    sourceId: 'web', messageId, personKey: person, type: 'track',
    event: { type: 'track', event: 'Signed Up', userId: person, messageId, n },
    receivedAt: at, jobs,
  }]);
}

export const exchange = (status: number, response: unknown) => ({
  method: 'POST', url: 'http://127.0.0.1:9/events', body: { event_name: 'Signed Up' }, status, response, durationMs: 7,
});

export function attemptOf(status: AttemptRecord['status'], startedAt: Date, extra: Partial<AttemptRecord> = {}): AttemptRecord {
  return { startedAt, durationMs: 9, status, warnings: [], requests: [], ...extra };
}

/** Leases everything due at `now`, gives event `n`'s job `result`, releases the rest; the job's id. */
export async function settle(store: JobQueueStore, n: number, result: JobResult, now: Date): Promise<number> {
  const jobs = await store.leaseJobs('intercom', 500, 60_000, now);
  const job = jobs.find((j) => j.event.n === n);
  if (job === undefined) throw new Error(`event ${n} has no job due at ${now.toISOString()}`);
  await store.finishJob(job.id, result, now);
  for (const other of jobs) if (other !== job) await store.finishJob(other.id, { kind: 'release', nextAttemptAt: other.queuedAt }, now);
  return job.id;
}

export const rejected = (at: Date, extra: Partial<AttemptRecord> = {}): JobResult => ({
  kind: 'finished', status: 'rejected',
  attempt: attemptOf('rejected', at, { error: { message: 'no contact in Intercom for this user' }, ...extra }),
});

export const delivered = (at: Date): JobResult => ({ kind: 'finished', status: 'delivered', attempt: attemptOf('delivered', at) });
