// Contract: leaseJobs — per-person order (R17), due times, expired leases, destinations kept apart; recoverLeases.
import { describe, expect, it } from 'vitest';
import { at, configured, finished, HOUR, MINUTE, newEvent, numbersOf, retry, T0, useStore, type OpenStore } from './fixtures.js';

const SECOND = 1_000;

export function leaseCases(open: OpenStore) {
  describe('leaseJobs', () => {
    const store = useStore(open);

    it("leases only each person's oldest unfinished job, in arrival order", async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann'), newEvent(3, 'ann'), newEvent(4, 'bob')]);
      const first = await s.leaseJobs('d1', 10, MINUTE, T0);
      expect(numbersOf(first)).toEqual([1, 4]);
      expect(await s.jobStateCounts('d1')).toEqual({ leased: 2, pending: 2 });
      expect(await s.leaseJobs('d1', 10, MINUTE, T0)).toEqual([]);
      await s.finishJob(first[0]!.id, finished('delivered'), T0);
      expect(numbersOf(await s.leaseJobs('d1', 10, MINUTE, T0))).toEqual([2]);
    });

    it('returns the job with its event, ids and counters', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann', { at: at(-5 * SECOND) })]);
      const [job] = await s.leaseJobs('d1', 1, MINUTE, T0);
      expect(job).toEqual({
        id: expect.any(Number),
        destinationId: 'd1',
        mappingName: 'identify',
        personKey: 'ann',
        event: newEvent(1, 'ann').event,
        eventReceivedAt: at(-5 * SECOND),
        queuedAt: at(-5 * SECOND),
        attempts: 0,
        giveUpAt: null,
      });
    });

    it('respects the limit and takes the oldest heads first', async () => {
      const s = await configured(store());
      await s.insertEvents([1, 2, 3, 4, 5].map((n) => newEvent(n, `person-${n}`, { at: at(n) })));
      expect(numbersOf(await s.leaseJobs('d1', 2, MINUTE, at(10)))).toEqual([1, 2]);
      expect(numbersOf(await s.leaseJobs('d1', 2, MINUTE, at(10)))).toEqual([3, 4]);
      expect(numbersOf(await s.leaseJobs('d1', 0, MINUTE, at(10)))).toEqual([]);
    });

    it('runs the jobs of one event for one person one at a time', async () => {
      const s = await configured(store());
      const jobs = [
        { destinationId: 'd1', mappingName: 'identify' },
        { destinationId: 'd1', mappingName: 'orders' },
      ];
      await s.insertEvents([newEvent(1, 'ann', { jobs })]);
      const [first] = await s.leaseJobs('d1', 10, MINUTE, T0);
      expect(first!.mappingName).toBe('identify');
      expect(await s.leaseJobs('d1', 10, MINUTE, T0)).toEqual([]);
      await s.finishJob(first!.id, finished('rejected'), T0);
      expect((await s.leaseJobs('d1', 10, MINUTE, T0)).map((j) => j.mappingName)).toEqual(['orders']);
    });

    it("holds a retrying person's later jobs back, never other people's", async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann'), newEvent(3, 'bob')]);
      const [ann1, bob3] = await s.leaseJobs('d1', 10, MINUTE, T0);
      await s.finishJob(ann1!.id, retry(at(HOUR), at(4 * HOUR)), at(SECOND));
      await s.finishJob(bob3!.id, finished('delivered'), T0);
      await s.insertEvents([newEvent(4, 'bob', { at: at(MINUTE) }), newEvent(5, 'cy', { at: at(MINUTE) })]);
      expect(numbersOf(await s.leaseJobs('d1', 10, 2 * HOUR, at(2 * MINUTE)))).toEqual([4, 5]);
      expect(await s.leaseJobs('d1', 10, MINUTE, at(HOUR - 1))).toEqual([]);
      const [again] = await s.leaseJobs('d1', 10, MINUTE, at(HOUR));
      expect(numbersOf([again!])).toEqual([1]);
      expect(again).toMatchObject({ attempts: 1, giveUpAt: at(4 * HOUR) });
    });

    it('does not lease a job before it is due', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann', { at: at(MINUTE) })]);
      expect(await s.leaseJobs('d1', 10, MINUTE, T0)).toEqual([]);
      expect(numbersOf(await s.leaseJobs('d1', 10, MINUTE, at(MINUTE)))).toEqual([1]);
    });

    it('takes a job again once its lease has expired (a worker died), not before', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'ann'), newEvent(3, 'bob')]);
      const first = await s.leaseJobs('d1', 10, 30 * SECOND, T0);
      expect(numbersOf(first)).toEqual([1, 3]);
      expect(await s.leaseJobs('d1', 10, 30 * SECOND, at(30 * SECOND))).toEqual([]);
      const taken = await s.leaseJobs('d1', 10, 30 * SECOND, at(30 * SECOND + 1));
      expect(numbersOf(taken)).toEqual([1, 3]);
      expect(taken.map((j) => j.id)).toEqual(first.map((j) => j.id));
      expect(taken.every((j) => j.attempts === 0)).toBe(true);
      expect(await s.leaseJobs('d1', 10, 30 * SECOND, at(40 * SECOND))).toEqual([]);
    });

    it('keeps destinations apart: one person is ordered per destination', async () => {
      const s = await configured(store());
      const both = [
        { destinationId: 'd1', mappingName: 'identify' },
        { destinationId: 'd2', mappingName: 'Identify Contact' },
      ];
      await s.insertEvents([newEvent(1, 'ann', { jobs: both }), newEvent(2, 'ann', { jobs: both })]);
      const d1 = await s.leaseJobs('d1', 10, MINUTE, T0);
      expect(d1.map((j) => [j.destinationId, j.event.n])).toEqual([['d1', 1]]);
      const d2 = await s.leaseJobs('d2', 10, MINUTE, T0);
      expect(d2.map((j) => [j.destinationId, j.event.n])).toEqual([['d2', 1]]);
      expect(await s.leaseJobs('unknown', 10, MINUTE, T0)).toEqual([]);
    });

    // Only expired leases: a store shared by several processes may keep live ones, the embedded store takes back all.
    it('takes back expired leases: the jobs are pending again with their attempts unchanged, and counted', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'bob')]);
      expect(await s.leaseJobs('d1', 10, MINUTE, T0)).toHaveLength(2);
      expect(await s.recoverLeases(at(2 * MINUTE))).toBe(2);
      expect(await s.jobStateCounts('d1')).toEqual({ pending: 2 });
      const again = await s.leaseJobs('d1', 10, MINUTE, at(2 * MINUTE));
      expect(again.map((job) => [job.personKey, job.attempts])).toEqual([['ann', 0], ['bob', 0]]);
    });

    // A restart of the node that leased them: no worker of this node runs them any more, whatever their expiry.
    it('takes back its own node\'s live leases at once', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'bob')]);
      expect(await s.leaseJobs('d1', 10, 10 * MINUTE, T0)).toHaveLength(2);
      expect(await s.recoverLeases(at(SECOND))).toBe(2);
      expect(await s.jobStateCounts('d1')).toEqual({ pending: 2 });
      expect(await s.recoverLeases(at(SECOND))).toBe(0);
    });
  });
}
