// Contract: deliveryStats — outcome counts per minute or hour, finished jobs by finish time, kept through purges.
import { describe, expect, it } from 'vitest';
import { NO_MATCH, settle } from './delivery-log-fixtures.js';
import { at, configured, DAY, finished, HOUR, MINUTE, newEvent, retry, T0, useStore, type OpenStore } from './fixtures.js';

const SECOND = 1_000;

export function statsCases(open: OpenStore) {
  describe('deliveryStats', () => {
    const store = useStore(open);

    it('counts finished jobs in the minute they finished, waiting ones in the minute they were queued', async () => {
      const s = await configured(store());
      await s.insertEvents([
        newEvent(1, 'a'),
        newEvent(2, 'b'),
        newEvent(3, 'c', { at: at(10 * SECOND) }),
        newEvent(4, 'd', { at: at(MINUTE + 5 * SECOND), jobs: [NO_MATCH] }),
        newEvent(5, 'e', { at: at(2 * MINUTE) }),
        newEvent(6, 'f', { at: at(2 * MINUTE) }),
      ]);
      await settle(s, 1, finished('delivered'), at(30 * SECOND));
      await settle(s, 2, finished('rejected'), at(MINUTE + 59 * SECOND));
      await settle(s, 3, finished('delivered-with-warnings'), at(MINUTE));
      await settle(s, 5, retry(at(HOUR)), at(2 * MINUTE));
      await s.leaseJobs('d1', 1, MINUTE, at(2 * MINUTE));
      expect(await s.deliveryStats('d1', T0, 'minute')).toEqual([
        { start: T0, counts: { delivered: 1 } },
        { start: at(MINUTE), counts: { rejected: 1, 'delivered-with-warnings': 1, filtered: 1 } },
        { start: at(2 * MINUTE), counts: { retrying: 1, leased: 1 } },
      ]);
      expect(await s.deliveryStats('d1', at(MINUTE + 30 * SECOND), 'minute')).toEqual([
        { start: at(MINUTE), counts: { rejected: 1, 'delivered-with-warnings': 1, filtered: 1 } },
        { start: at(2 * MINUTE), counts: { retrying: 1, leased: 1 } },
      ]);
      expect(await s.deliveryStats('d1', at(59 * MINUTE), 'hour')).toEqual([
        {
          start: T0,
          counts: { delivered: 1, rejected: 1, 'delivered-with-warnings': 1, filtered: 1, retrying: 1, leased: 1 },
        },
      ]);
      expect(await s.deliveryStats('d2', T0, 'hour')).toEqual([]);
    });

    it('counts a waiting job as pending, and once more when it finishes', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'a')]);
      expect(await s.deliveryStats('d1', T0, 'hour')).toEqual([{ start: T0, counts: { pending: 1 } }]);
      await settle(s, 1, finished('delivered'), at(2 * HOUR));
      expect(await s.deliveryStats('d1', T0, 'hour')).toEqual([{ start: at(2 * HOUR), counts: { delivered: 1 } }]);
    });

    it('keeps the counts when the jobs themselves are purged', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'a'), newEvent(2, 'b', { jobs: [NO_MATCH] })]);
      await settle(s, 1, finished('delivered'), at(MINUTE));
      await s.purge(at(DAY), { deliveredMs: HOUR, failedMs: HOUR });
      expect(await s.jobStateCounts('d1')).toEqual({});
      expect(await s.deliveryStats('d1', T0, 'hour')).toEqual([{ start: T0, counts: { delivered: 1, filtered: 1 } }]);
    });

    it('answers quickly over many jobs', async () => {
      const s = await configured(store());
      const events = Array.from({ length: 20_000 }, (_, i) => newEvent(i, `p${i}`, { at: at(i * 100), jobs: [NO_MATCH] }));
      for (let i = 0; i < events.length; i += 5_000) await s.insertEvents(events.slice(i, i + 5_000));
      const started = performance.now();
      const buckets = await s.deliveryStats('d1', T0, 'minute');
      expect(performance.now() - started).toBeLessThan(250);
      expect(buckets).toHaveLength(34);
      expect(buckets.reduce((sum, b) => sum + (b.counts.filtered ?? 0), 0)).toBe(20_000);
    });
  });
}
