// Contract: the control role — single upserts of sources and destinations, settings, single-use keys, sessions.
import { describe, expect, it } from 'vitest';
import type { AdminSession } from '../types.js';
import { at, configured, destination, HOUR, ids, MINUTE, rejection, T0, useStore, type OpenStore } from './fixtures.js';

const session = (idHash: string, createdAt = T0, ttl = HOUR): AdminSession => ({
  idHash, csrfToken: `csrf-${idHash}`, tokenHash: 'token-hash', createdAt, expiresAt: new Date(createdAt.getTime() + ttl),
});

export function controlCases(open: OpenStore) {
  describe('control plane: upserting sources and destinations', () => {
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

  describe('control plane: admin sessions', () => {
    const store = useStore(open);

    it('finds a session by its id hash until it expires, then refuses and deletes it', async () => {
      const s = store();
      await s.createSession(session('a'));
      expect(await s.findSession('a', at(HOUR - 1))).toEqual(session('a'));
      expect(await s.findSession('b', at(0))).toBeUndefined();
      expect(await s.findSession('a', at(HOUR))).toBeUndefined();
      // Deleted as it was found expired: even an earlier clock finds nothing now.
      expect(await s.findSession('a', at(0))).toBeUndefined();
    });

    it('purges expired sessions when a new one is created, keeping live ones', async () => {
      const s = store();
      await s.createSession(session('old', T0, MINUTE));
      await s.createSession(session('live', T0, 3 * HOUR));
      await s.createSession(session('new', at(2 * HOUR)));
      expect(await s.deleteSession('old')).toBe(false);
      expect(await s.findSession('live', at(2 * HOUR))).toEqual(session('live', T0, 3 * HOUR));
    });

    it('signs a session out once', async () => {
      const s = store();
      await s.createSession(session('a'));
      expect(await s.deleteSession('a')).toBe(true);
      expect(await s.deleteSession('a')).toBe(false);
      expect(await s.findSession('a', at(0))).toBeUndefined();
    });
  });
}
