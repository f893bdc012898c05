// Contract: insertEvents — messageId dedup per source for 24 h, one transaction per batch, filtered jobs.
import { describe, expect, it } from 'vitest';
import { at, configured, DAY, HOUR, MINUTE, newEvent, numbersOf, T0, useStore, type OpenStore } from './fixtures.js';

export function eventCases(open: OpenStore) {
  describe('insertEvents', () => {
    const store = useStore(open);

    it('stores events with one pending job per mapping', async () => {
      const s = await configured(store());
      const jobs = [
        { destinationId: 'd1', mappingName: 'identify' },
        { destinationId: 'd1', mappingName: 'orders' },
        { destinationId: 'd2', mappingName: 'Identify Contact' },
      ];
      expect(await s.insertEvents([newEvent(1, 'ann', { jobs }), newEvent(2, 'bob')])).toEqual({
        inserted: 2,
        duplicates: 0,
      });
      expect(await s.jobStateCounts()).toEqual({ pending: 4 });
      expect(await s.jobStateCounts('d1')).toEqual({ pending: 3 });
      expect(await s.jobStateCounts('d2')).toEqual({ pending: 1 });
    });

    it('accepts a messageId once per source within 24 h', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann', { messageId: 'm' })]);
      const again = [newEvent(2, 'ann', { messageId: 'm', at: at(DAY - MINUTE) })];
      expect(await s.insertEvents(again)).toEqual({ inserted: 0, duplicates: 1 });
      const otherSource = [newEvent(3, 'ann', { messageId: 'm', source: 'app', at: at(HOUR) })];
      expect(await s.insertEvents(otherSource)).toEqual({ inserted: 1, duplicates: 0 });
      expect(await s.jobStateCounts()).toEqual({ pending: 2 });
    });

    it('accepts the same messageId again after 24 h, and dedups from that new sighting', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann', { messageId: 'm' })]);
      expect(await s.insertEvents([newEvent(2, 'ann', { messageId: 'm', at: at(DAY) })])).toEqual({
        inserted: 1,
        duplicates: 0,
      });
      expect(await s.insertEvents([newEvent(3, 'ann', { messageId: 'm', at: at(DAY + HOUR) })])).toEqual({
        inserted: 0,
        duplicates: 1,
      });
      expect(await s.jobStateCounts()).toEqual({ pending: 2 });
    });

    it('dedups within one batch', async () => {
      const s = await configured(store());
      const batch = [newEvent(1, 'ann', { messageId: 'm' }), newEvent(2, 'bob', { messageId: 'm' })];
      expect(await s.insertEvents(batch)).toEqual({ inserted: 1, duplicates: 1 });
      expect(numbersOf(await s.leaseJobs('d1', 10, MINUTE, T0))).toEqual([1]);
    });

    it('stores all of a batch or nothing', async () => {
      const s = await configured(store());
      const bad = newEvent(2, 'bob', { jobs: [{ destinationId: 'no-such-destination', mappingName: 'identify' }] });
      await expect(s.insertEvents([newEvent(1, 'ann'), bad, newEvent(3, 'cy')])).rejects.toThrow();
      expect(await s.jobStateCounts()).toEqual({});
      expect(await s.leaseJobs('d1', 10, MINUTE, T0)).toEqual([]);
      // The messageIds of the failed batch were not remembered either.
      expect(await s.insertEvents([newEvent(1, 'ann'), newEvent(3, 'cy')])).toEqual({ inserted: 2, duplicates: 0 });
    });

    it('refuses an event of an unknown source', async () => {
      const s = await configured(store());
      await expect(s.insertEvents([newEvent(1, 'ann', { source: 'nope' })])).rejects.toThrow();
      expect(await s.jobStateCounts()).toEqual({});
    });

    it('records an event no mapping matched as a finished filtered job that never runs or blocks', async () => {
      const s = await configured(store());
      const filtered = newEvent(1, 'ann', { jobs: [{ destinationId: 'd1', mappingName: null }] });
      await s.insertEvents([filtered, newEvent(2, 'ann', { at: at(1) })]);
      expect(await s.jobStateCounts('d1')).toEqual({ filtered: 1, pending: 1 });
      expect(numbersOf(await s.leaseJobs('d1', 10, MINUTE, at(1)))).toEqual([2]);
    });

    it('keeps an event without jobs out of the queue', async () => {
      const s = await configured(store());
      expect(await s.insertEvents([newEvent(1, 'ann', { jobs: [] })])).toEqual({ inserted: 1, duplicates: 0 });
      expect(await s.jobStateCounts()).toEqual({});
      expect(await s.nextDueAt('d1')).toBeUndefined();
    });

    it('accepts an empty batch', async () => {
      const s = await configured(store());
      expect(await s.insertEvents([])).toEqual({ inserted: 0, duplicates: 0 });
    });
  });
}
