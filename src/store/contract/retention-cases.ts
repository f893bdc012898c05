// Contract: purge (the retention role) — finished jobs go after their retention, unfinished jobs never.
import { describe, expect, it } from 'vitest';
import type { JobResult, Store } from '../types.js';
import { at, configured, DAY, finished, HOUR, MINUTE, newEvent, release, retry, T0, useStore } from './fixtures.js';
import type { OpenStore } from './fixtures.js';

const RETENTION = { deliveredMs: 7 * DAY, failedMs: 30 * DAY };

/** Leases the due jobs at `now`, finishes event `n`'s with `result` and releases the others. */
async function settle(s: Store, n: number, result: JobResult, now = T0) {
  const jobs = await s.leaseJobs('d1', 100, MINUTE, now);
  const job = jobs.find((j) => j.event.n === n);
  if (job === undefined) throw new Error(`job ${n} was not leasable`);
  await s.finishJob(job.id, result, now);
  for (const other of jobs) if (other !== job) await s.finishJob(other.id, release(now), now);
}

export function retentionCases(open: OpenStore) {
  describe('purge', () => {
    const store = useStore(open);

    it('deletes delivered jobs after deliveredMs and rejected ones after failedMs', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'a'), newEvent(2, 'b'), newEvent(3, 'c'), newEvent(4, 'd')]);
      await settle(s, 1, finished('delivered'));
      await settle(s, 2, finished('delivered-with-warnings'));
      await settle(s, 3, finished('rejected'));
      await settle(s, 4, finished('delivered'), at(DAY));
      await s.purge(at(7 * DAY), RETENTION);
      expect(await s.jobStateCounts()).toEqual({ delivered: 2, 'delivered-with-warnings': 1, rejected: 1 });
      await s.purge(at(7 * DAY + 1), RETENTION);
      expect(await s.jobStateCounts()).toEqual({ delivered: 1, rejected: 1 });
      await s.purge(at(8 * DAY + 1), RETENTION);
      expect(await s.jobStateCounts()).toEqual({ rejected: 1 });
      await s.purge(at(30 * DAY + 1), RETENTION);
      expect(await s.jobStateCounts()).toEqual({});
    });

    it('never deletes pending, leased or retrying jobs, however old', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'a'), newEvent(2, 'a'), newEvent(3, 'b'), newEvent(4, 'c')]);
      const [a1, b3] = await s.leaseJobs('d1', 2, 400 * DAY, T0);
      await s.finishJob(a1!.id, retry(at(HOUR)), T0);
      expect(b3!.event.n).toBe(3);
      await s.purge(at(365 * DAY), { deliveredMs: 0, failedMs: 0 });
      expect(await s.jobStateCounts()).toEqual({ pending: 3, leased: 1 });
      const leased = await s.leaseJobs('d1', 10, MINUTE, at(365 * DAY));
      expect(leased.map((j) => j.event)).toEqual([newEvent(1, 'a').event, newEvent(4, 'c').event]);
    });

    it('deletes filtered jobs with the delivered ones', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'a', { jobs: [{ destinationId: 'd1', mappingName: null }] })]);
      await s.purge(at(7 * DAY), RETENTION);
      expect(await s.jobStateCounts()).toEqual({ filtered: 1 });
      await s.purge(at(7 * DAY + 1), RETENTION);
      expect(await s.jobStateCounts()).toEqual({});
    });

    it("keeps an event's data for its unfinished jobs while its finished ones are purged", async () => {
      const s = await configured(store());
      const jobs = [
        { destinationId: 'd1', mappingName: 'identify' },
        { destinationId: 'd2', mappingName: 'Identify Contact' },
      ];
      await s.insertEvents([newEvent(1, 'a', { jobs })]);
      await settle(s, 1, finished('delivered'));
      await s.purge(at(8 * DAY), RETENTION);
      const [job] = await s.leaseJobs('d2', 1, MINUTE, at(8 * DAY));
      expect(job?.event).toEqual(newEvent(1, 'a').event);
    });

    it('still dedups a messageId seen within 24 h after a purge', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'a', { messageId: 'm', at: at(HOUR) })]);
      await s.purge(at(DAY), { deliveredMs: 0, failedMs: 0 });
      expect(await s.insertEvents([newEvent(2, 'a', { messageId: 'm', at: at(DAY) })])).toEqual({
        inserted: 0,
        duplicates: 1,
      });
    });
  });
}
