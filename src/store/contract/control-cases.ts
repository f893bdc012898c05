// Contract: the control plane — single upserts and deletes of sources and destinations, settings, single-use keys.
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../errors.js';
import type { Store } from '../types.js';
import { at, configured, destination, finished, HOUR, MINUTE, newEvent, numbersOf, T0, useStore, type OpenStore } from './fixtures.js';

async function rejection(promise: Promise<unknown>): Promise<FerryError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FerryError);
  return error as FerryError;
}

const ids = async (s: Store) => ({
  sources: (await s.listSources()).map((x) => x.id),
  destinations: (await s.listDestinations()).map((x) => x.id),
});

export function controlCases(open: OpenStore) {
  describe('control plane: sources and destinations', () => {
    const store = useStore(open);

    it('creates and updates one source, a new writeKey replacing the old one at once', async () => {
      const s = await configured(store());
      await s.upsertSource({ id: 'api', name: 'Backend', writeKey: 'wk-api' });
      expect(await s.findSourceByWriteKey('wk-api')).toEqual({ id: 'api', name: 'Backend', writeKey: 'wk-api' });
      await s.upsertSource({ id: 'api', writeKey: 'wk-api-2' });
      expect(await s.findSourceByWriteKey('wk-api')).toBeUndefined();
      expect(await s.findSourceByWriteKey('wk-api-2')).toEqual({ id: 'api', writeKey: 'wk-api-2' });
      expect((await ids(s)).sources).toEqual(['web', 'app', 'api']);
    });

    it("refuses a writeKey another source holds, with a 409 conflict, changing nothing", async () => {
      const s = await configured(store());
      const error = await rejection(s.upsertSource({ id: 'api', writeKey: 'wk-web' }));
      expect(error).toMatchObject({ code: 'FERRY_ERR_CONFLICT', status: 409, message: 'this writeKey already belongs to source "web"' });
      expect((await ids(s)).sources).toEqual(['web', 'app']);
    });

    it('creates and updates one destination; its mappings become the given list, absent = presets', async () => {
      const s = await configured(store());
      const d3 = destination('d3', { name: 'Third', mappings: [{ name: 'm', action: 'trackEvent', enabled: true }] });
      await s.upsertDestination(d3);
      expect((await s.listDestinations())[2]).toEqual({ ...d3, pausedReason: null });
      const presets = destination('d3', { enabled: false });
      await s.upsertDestination(presets);
      const stored = (await s.listDestinations())[2]!;
      expect(stored).toEqual({ ...presets, pausedReason: null });
      expect(stored).not.toHaveProperty('mappings');
    });

    it('keeps a pause when a destination is stored with the same settings, clears it when they change', async () => {
      const s = await configured(store());
      await s.setDestinationPaused('d1', 'Intercom answered 401');
      const [d1] = await s.listDestinations();
      const { pausedReason: _paused, ...config } = d1!;
      await s.upsertDestination({ ...config, enabled: false });
      expect((await s.listDestinations())[0]).toMatchObject({ enabled: false, pausedReason: 'Intercom answered 401' });
      await s.upsertDestination({ ...config, settings: { ...config.settings, accessToken: 'fixed' } });
      expect((await s.listDestinations())[0]).toMatchObject({ pausedReason: null, settings: { accessToken: 'fixed' } });
    });

    it('reads the same settings written in another key order as unchanged: the pause stays', async () => {
      const s = await configured(store());
      await s.setDestinationPaused('d1', 'Intercom answered 401');
      const [d1] = await s.listDestinations();
      const { pausedReason: _paused, ...config } = d1!;
      const reordered = Object.fromEntries(Object.entries(config.settings).reverse()) as typeof config.settings;
      await s.upsertDestination({ ...config, settings: reordered });
      expect((await s.listDestinations())[0]).toEqual(d1);
    });

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

  describe('control plane: settings and single-use keys', () => {
    const store = useStore(open);

    it('keeps named settings, replacing a value', async () => {
      const s = store();
      expect(await s.getSetting('admin_token_sha256')).toBeUndefined();
      await s.setSetting('admin_token_sha256', 'abc');
      await s.setSetting('other', '');
      await s.setSetting('admin_token_sha256', 'def');
      expect(await s.getSetting('admin_token_sha256')).toBe('def');
      expect(await s.getSetting('other')).toBe('');
    });

    it('accepts a key once until it expires, then forgets it', async () => {
      const s = store();
      const later = new Date(Date.now() + HOUR);
      expect(await s.useOnce('state-1', later)).toBe(true);
      expect(await s.useOnce('state-1', later)).toBe(false);
      expect(await s.useOnce('state-2', new Date(Date.now() - 1))).toBe(true);
      // Past its expiry the row is purged by the next call: the caller's own expiry check refuses such a state.
      expect(await s.useOnce('state-2', later)).toBe(true);
      expect(await s.useOnce('state-2', later)).toBe(false);
      expect(await s.useOnce('state-1', later)).toBe(false);
    });
  });
}
