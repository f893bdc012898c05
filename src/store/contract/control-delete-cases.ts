// Contract: the control role's deletes — a source or destination goes with its history, never silently with work.
import { describe, expect, it } from 'vitest';
import {
  at, configured, destination, finished, HOUR, ids, MINUTE, newEvent, numbersOf, rejection, T0, useStore, type OpenStore,
} from './fixtures.js';

export function controlDeleteCases(open: OpenStore) {
  describe('control plane: deleting sources and destinations', () => {
    const store = useStore(open);

    it('deletes a destination with its finished history; false when there is none', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann')]);
      const [job] = await s.leaseJobs('d1', 1, MINUTE, T0);
      await s.finishJob(job!.id, finished('delivered'), T0);
      await s.identityCache().rememberCompany('d1', 'acme', 'co1');
      expect(await s.deleteDestination('d1')).toBe(true);
      expect(await s.deleteDestination('d1')).toBe(false);
      expect(await s.deleteDestination('nope')).toBe(false);
      expect((await ids(s)).destinations).toEqual(['d2']);
      expect(await s.jobStateCounts()).toEqual({});
      expect(await s.identityCache().findCompany('d1', 'acme')).toBeUndefined();
      // Re-created under the same id, it starts empty.
      await s.upsertDestination(destination('d1'));
      expect((await s.listDestinations())[1]).toEqual({ ...destination('d1'), pausedReason: null });
    });

    it('refuses to delete a destination with unfinished jobs (409), unless forced', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'bob')]);
      await s.leaseJobs('d1', 1, MINUTE, T0);
      const error = await rejection(s.deleteDestination('d1'));
      expect(error).toMatchObject({ code: 'FERRY_ERR_CONFLICT', status: 409 });
      expect(error.message).toBe(
        'destination "d1" has 2 unfinished deliveries (queued, in progress or waiting to retry); ' +
          'wait for them to finish, or delete with force to drop them',
      );
      expect((await ids(s)).destinations).toEqual(['d1', 'd2']);
      expect(await s.deleteDestination('d1', { force: true })).toBe(true);
      expect((await ids(s)).destinations).toEqual(['d2']);
      expect(await s.jobStateCounts()).toEqual({});
      expect(await s.leaseJobs('d1', 10, MINUTE, at(HOUR))).toEqual([]);
    });

    it('deletes a source with its events and history, and its writeKey stops working', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann', { source: 'app', messageId: 'm' })]);
      const [job] = await s.leaseJobs('d1', 1, MINUTE, T0);
      await s.finishJob(job!.id, finished('rejected'), T0);
      expect(await s.deleteSource('app')).toBe(true);
      expect(await s.deleteSource('app')).toBe(false);
      expect(await s.findSourceByWriteKey('wk-app')).toBeUndefined();
      expect((await ids(s)).sources).toEqual(['web']);
      expect(await s.jobStateCounts()).toEqual({});
      // Its messageIds went too: a new source of the same id starts with a clean dedup window.
      await s.upsertSource({ id: 'app', writeKey: 'wk-app' });
      const again = [newEvent(2, 'ann', { source: 'app', messageId: 'm' })];
      expect(await s.insertEvents(again)).toEqual({ inserted: 1, duplicates: 0 });
    });

    it("refuses to delete a source whose events are still being delivered, unless forced; others' order survives", async () => {
      const s = await configured(store());
      // ann's first job comes from the app source, her second from web: forcing the app source away must free it.
      await s.insertEvents([newEvent(1, 'ann', { source: 'app' }), newEvent(2, 'ann', { at: at(1) })]);
      const error = await rejection(s.deleteSource('app'));
      expect(error).toMatchObject({ code: 'FERRY_ERR_CONFLICT', status: 409 });
      expect(error.message).toMatch(/^source "app" has 1 unfinished delivery \(/);
      expect(await s.deleteSource('app', { force: true })).toBe(true);
      expect(await s.jobStateCounts()).toEqual({ pending: 1 });
      expect(numbersOf(await s.leaseJobs('d1', 10, MINUTE, at(1)))).toEqual([2]);
    });
  });
}
