// Fixtures of the delivery-log contract cases: routed jobs with their action, and settling one event's job.
import type { JobResult, NewJob, Store } from '../types.js';
import { MINUTE, release, T0 } from './fixtures.js';

export const IDENTIFY: NewJob = { destinationId: 'd1', mappingName: 'identify', action: 'identifyContact' };
export const ORDERS: NewJob = { destinationId: 'd1', mappingName: 'orders', action: 'trackEvent' };
export const NO_MATCH: NewJob = { destinationId: 'd1', mappingName: null };

/** Leases d1's due jobs at `now`, gives event `n`'s job (of `mapping`) `result` and releases the others. */
export async function settle(s: Store, n: number, result: JobResult, now = T0, mapping = 'identify'): Promise<number> {
  const jobs = await s.leaseJobs('d1', 500, MINUTE, now);
  const job = jobs.find((j) => j.event.n === n && j.mappingName === mapping);
  if (job === undefined) throw new Error(`job ${n}/${mapping} was not leasable at ${now.toISOString()}`);
  await s.finishJob(job.id, result, now);
  for (const other of jobs) if (other !== job) await s.finishJob(other.id, release(other.queuedAt), now);
  return job.id;
}

/** Ids of a page, for comparing pages. */
export const idsOf = (page: { items: { id: number }[] }) => page.items.map((item) => item.id);
