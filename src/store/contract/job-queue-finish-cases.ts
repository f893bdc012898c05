// Contract: finishJob (finished, retry, release), jobStateCounts and nextDueAt.
import { describe, expect, it } from 'vitest';
import type { Store } from '../types.js';
import {
  attempt,
  at,
  configured,
  finished,
  HOUR,
  MINUTE,
  newEvent,
  numbersOf,
  release,
  retry,
  T0,
  useStore,
  type OpenStore,
} from './fixtures.js';

async function leaseOne(s: Store, now = T0, leaseMs = MINUTE) {
  const [job] = await s.leaseJobs('d1', 1, leaseMs, now);
  if (job === undefined) throw new Error('expected a job to lease');
  return job;
}

export function finishCases(open: OpenStore) {
  describe('finishJob', () => {
    const store = useStore(open);

    it('finishes a job with its outcome and frees the next job of the person', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann'), newEvent(3, 'bob')]);
      const [ann1, bob3] = await s.leaseJobs('d1', 10, MINUTE, T0);
      const warned = attempt('delivered-with-warnings', T0, { warnings: ['custom attribute "x" left out'] });
      await s.finishJob(ann1!.id, { kind: 'finished', status: 'delivered-with-warnings', attempt: warned }, T0);
      await s.finishJob(bob3!.id, finished('rejected'), T0);
      expect(await s.jobStateCounts()).toEqual({ 'delivered-with-warnings': 1, rejected: 1, pending: 1 });
      expect(numbersOf(await s.leaseJobs('d1', 10, MINUTE, T0))).toEqual([2]);
    });

    it('counts attempts across retries and keeps the give-up time', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann')]);
      let job = await leaseOne(s);
      const giveUpAt = at(30 * MINUTE);
      await s.finishJob(job.id, retry(at(MINUTE), giveUpAt), T0);
      expect(await s.jobStateCounts()).toEqual({ pending: 1 });
      job = await leaseOne(s, at(MINUTE));
      expect(job).toMatchObject({ attempts: 1, giveUpAt });
      await s.finishJob(job.id, retry(at(3 * MINUTE), null, at(MINUTE)), at(MINUTE));
      job = await leaseOne(s, at(3 * MINUTE));
      expect(job).toMatchObject({ attempts: 2, giveUpAt: null });
      await s.finishJob(job.id, finished('delivered'), at(3 * MINUTE));
      expect(await s.jobStateCounts()).toEqual({ delivered: 1 });
    });

    it('releases a job without counting an attempt', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann')]);
      const job = await leaseOne(s);
      await s.finishJob(job.id, release(at(MINUTE)), T0);
      expect(await s.jobStateCounts()).toEqual({ pending: 2 });
      expect(await s.leaseJobs('d1', 10, MINUTE, at(MINUTE - 1))).toEqual([]);
      const again = await leaseOne(s, at(MINUTE));
      expect(again).toMatchObject({ id: job.id, attempts: 0 });
    });

    it('ignores a second finish of the same job', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann')]);
      const job = await leaseOne(s);
      await s.finishJob(job.id, finished('delivered'), T0);
      await s.finishJob(job.id, retry(T0), T0);
      await s.finishJob(job.id, release(T0), T0);
      expect(await s.jobStateCounts()).toEqual({ delivered: 1, pending: 1 });
      const next = await leaseOne(s);
      expect(numbersOf([next])).toEqual([2]);
    });
  });

  describe('finishJobs', () => {
    const store = useStore(open);

    it('records each result as finishJob would, in one call, and leaves a job no longer leased alone', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann'), newEvent(3, 'bob'), newEvent(4, 'cat'), newEvent(5, 'dan')]);
      const [ann1, bob3, cat4, dan5] = await s.leaseJobs('d1', 10, MINUTE, T0);
      await s.finishJob(dan5!.id, finished('delivered'), T0);
      await s.finishJobs([
        { jobId: ann1!.id, result: finished('delivered'), now: T0 },
        { jobId: bob3!.id, result: retry(at(HOUR), at(2 * HOUR)), now: T0 },
        { jobId: cat4!.id, result: release(at(MINUTE)), now: T0 },
        { jobId: dan5!.id, result: finished('rejected'), now: T0 },
      ]);
      await s.finishJobs([]);
      expect(await s.jobStateCounts()).toEqual({ delivered: 2, pending: 3 });
      // ann's next job is her head now; bob waits for his retry; cat's job is back without an attempt.
      expect(numbersOf(await s.leaseJobs('d1', 10, 2 * HOUR, at(MINUTE)))).toEqual([2, 4]);
      expect(await leaseOne(s, at(HOUR))).toMatchObject({ id: bob3!.id, attempts: 1, giveUpAt: at(2 * HOUR) });
    });
  });

  describe('jobStateCounts and nextDueAt', () => {
    const store = useStore(open);

    it('counts jobs by state, for all destinations or one', async () => {
      const s = await configured(store());
      const both = [
        { destinationId: 'd1', mappingName: 'identify' },
        { destinationId: 'd2', mappingName: null },
      ];
      await s.insertEvents([newEvent(1, 'ann', { jobs: both }), newEvent(2, 'bob', { jobs: both })]);
      await leaseOne(s);
      expect(await s.jobStateCounts()).toEqual({ leased: 1, pending: 1, filtered: 2 });
      expect(await s.jobStateCounts('d1')).toEqual({ leased: 1, pending: 1 });
      expect(await s.jobStateCounts('d2')).toEqual({ filtered: 2 });
      expect(await s.jobStateCounts('nope')).toEqual({});
    });

    it("is the earliest due time of a job that may run now (a person's head)", async () => {
      const s = await configured(store());
      expect(await s.nextDueAt('d1')).toBeUndefined();
      await s.insertEvents([newEvent(1, 'ann', { at: at(5 * MINUTE) }), newEvent(2, 'bob', { at: at(3 * MINUTE) })]);
      expect(await s.nextDueAt('d1')).toEqual(at(3 * MINUTE));
      expect(await s.nextDueAt('d2')).toBeUndefined();
    });

    it("follows a retry, and ignores the jobs waiting behind it", async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann', { at: at(1) })]);
      const job = await leaseOne(s);
      await s.finishJob(job.id, retry(at(HOUR)), T0);
      expect(await s.nextDueAt('d1')).toEqual(at(HOUR));
    });

    it('wakes the worker when a lease runs out', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann')]);
      await leaseOne(s, T0, 10 * MINUTE);
      const due = (await s.nextDueAt('d1'))!.getTime();
      expect(due).toBeGreaterThanOrEqual(at(10 * MINUTE).getTime());
      expect(due).toBeLessThanOrEqual(at(10 * MINUTE).getTime() + 1);
      expect(await s.leaseJobs('d1', 10, MINUTE, new Date(due))).toHaveLength(1);
    });

    it('is undefined once everything is finished', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann')]);
      const job = await leaseOne(s);
      await s.finishJob(job.id, finished('delivered'), T0);
      expect(await s.nextDueAt('d1')).toBeUndefined();
    });
  });
}
