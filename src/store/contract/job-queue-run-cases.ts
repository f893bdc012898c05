// Contract: leaseRun — the due jobs of one mapping right behind a leased head, for coalescing a person's backlog.
import { describe, expect, it } from 'vitest';
import { at, configured, finished, MINUTE, newEvent, numbersOf, T0, useStore, type OpenStore } from './fixtures.js';

const track = [{ destinationId: 'd1', mappingName: 'orders' }];

export function runCases(open: OpenStore) {
  describe('leaseRun', () => {
    const store = useStore(open);

    it("leases the head's person's next jobs of the same mapping, in order, up to the limit", async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann'), newEvent(3, 'bob'), newEvent(4, 'ann'), newEvent(5, 'ann')]);
      const [head] = await s.leaseJobs('d1', 1, MINUTE, T0);
      expect(numbersOf(await s.leaseRun(head!.id, 2, MINUTE, T0))).toEqual([2, 4]);
      expect(await s.jobStateCounts('d1')).toEqual({ leased: 3, pending: 2 });
      // Leased already: not leased twice; the job after them is not behind the head any more.
      expect(await s.leaseRun(head!.id, 5, MINUTE, T0)).toEqual([]);
    });

    it('ends the run at a job of another mapping, one not yet due, or at the end of the queue', async () => {
      const s = await configured(store());
      await s.insertEvents([
        newEvent(1, 'ann'), newEvent(2, 'ann'), newEvent(3, 'ann', { jobs: track }), newEvent(4, 'ann'),
        newEvent(5, 'bob'), newEvent(6, 'bob', { at: at(MINUTE) }), newEvent(7, 'bob'),
      ]);
      const [ann, bob] = await s.leaseJobs('d1', 2, MINUTE, T0);
      expect(numbersOf(await s.leaseRun(ann!.id, 10, MINUTE, T0))).toEqual([2]);
      expect(await s.leaseRun(bob!.id, 10, MINUTE, T0)).toEqual([]);
    });

    it('gives nothing for a head that is not leased', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann')]);
      const [head] = await s.leaseJobs('d1', 1, MINUTE, T0);
      await s.finishJob(head!.id, finished('delivered'), T0);
      expect(await s.leaseRun(head!.id, 10, MINUTE, T0)).toEqual([]);
    });

    it('finishing the head then the run in order leaves the person free for the next job', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann'), newEvent(3, 'ann'), newEvent(4, 'ann', { jobs: track })]);
      const [head] = await s.leaseJobs('d1', 1, MINUTE, T0);
      const run = await s.leaseRun(head!.id, 10, MINUTE, T0);
      expect(numbersOf(run)).toEqual([2, 3]);
      expect(await s.leaseJobs('d1', 10, MINUTE, T0)).toEqual([]);
      await s.finishJob(head!.id, finished('delivered'), T0);
      // The first of the run is the head now, leased: still nothing else to lease.
      expect(await s.leaseJobs('d1', 10, MINUTE, T0)).toEqual([]);
      await s.finishJob(run[0]!.id, finished('delivered'), T0);
      await s.finishJob(run[1]!.id, { kind: 'release', nextAttemptAt: T0 }, T0);
      expect(numbersOf(await s.leaseJobs('d1', 10, MINUTE, T0))).toEqual([3]);
      expect(await s.jobStateCounts('d1')).toEqual({ delivered: 2, leased: 1, pending: 1 });
    });
  });
}
