// Contract: applyConfig (idempotent, mappings replaced or left to presets, pauses kept) and the config reads.
import { describe, expect, it } from 'vitest';
import type { FerryConfig } from '../../config/model.js';
import { destination, sampleConfig, useStore, type OpenStore } from './fixtures.js';

const withPauses = (config: FerryConfig, paused: Record<string, string> = {}) =>
  config.destinations.map((d) => ({ ...d, pausedReason: paused[d.id] ?? null }));

export function configCases(open: OpenStore) {
  describe('configuration', () => {
    const store = useStore(open);

    it('stores what applyConfig gets, mappings in order, presets as no `mappings`', async () => {
      const config = sampleConfig();
      await store().applyConfig(config);
      expect(await store().listSources()).toEqual(config.sources);
      const destinations = await store().listDestinations();
      expect(destinations).toEqual(withPauses(config));
      expect(destinations[1]).not.toHaveProperty('mappings');
    });

    it("stores a destination's sources (an empty list too), and their absence as every source", async () => {
      const config = sampleConfig();
      config.destinations[0]!.sources = ['web', 'app'];
      config.destinations[1]!.sources = [];
      await store().applyConfig(config);
      expect((await store().listDestinations()).map((d) => d.sources)).toEqual([['web', 'app'], []]);
      delete config.destinations[0]!.sources;
      await store().applyConfig(config);
      const [first] = await store().listDestinations();
      expect(first).not.toHaveProperty('sources');
    });

    it('is idempotent: the same config twice leaves the same state', async () => {
      await store().applyConfig(sampleConfig());
      const before = { sources: await store().listSources(), destinations: await store().listDestinations() };
      await store().applyConfig(sampleConfig());
      expect({ sources: await store().listSources(), destinations: await store().listDestinations() }).toEqual(before);
    });

    it("replaces a destination's mappings with the config's list, and an empty list means none", async () => {
      await store().applyConfig(sampleConfig());
      const next = sampleConfig();
      const [identify, orders] = next.destinations[0]!.mappings!;
      const renamed = { name: 'groups', action: 'identifyCompany', enabled: true };
      next.destinations[0]!.mappings = [{ ...orders!, enabled: true, trigger: 'type = "track"' }, renamed];
      next.destinations[1]!.mappings = [];
      await store().applyConfig(next);
      const [d1, d2] = await store().listDestinations();
      expect(d1!.mappings).toEqual([{ ...orders!, enabled: true, trigger: 'type = "track"' }, renamed]);
      expect(d1!.mappings).not.toContainEqual(identify);
      expect(d2!.mappings).toEqual([]);
    });

    it('drops stored mappings when the config no longer lists any (presets apply again)', async () => {
      await store().applyConfig(sampleConfig());
      const next = sampleConfig();
      delete next.destinations[0]!.mappings;
      await store().applyConfig(next);
      const [d1] = await store().listDestinations();
      expect(d1).not.toHaveProperty('mappings');
      expect(d1).toEqual({ ...next.destinations[0], pausedReason: null });
    });

    it('updates changed fields and adds new sources and destinations without dropping others', async () => {
      await store().applyConfig(sampleConfig());
      await store().applyConfig({
        sources: [{ id: 'web', name: 'Website', writeKey: 'wk-web' }, { id: 'new', writeKey: 'wk-new' }],
        destinations: [destination('d3', { enabled: false })],
      });
      expect(await store().listSources()).toEqual([
        { id: 'web', name: 'Website', writeKey: 'wk-web' },
        { id: 'app', name: 'Mobile app', writeKey: 'wk-app' },
        { id: 'new', writeKey: 'wk-new' },
      ]);
      expect((await store().listDestinations()).map((d) => [d.id, d.enabled])).toEqual([
        ['d1', true],
        ['d2', true],
        ['d3', false],
      ]);
    });

    it('keeps a pause across re-applying the same config, clears it when the settings change', async () => {
      await store().applyConfig(sampleConfig());
      await store().setDestinationPaused('d1', 'Intercom answered 401: the access token was refused');
      await store().setDestinationPaused('d2', 'Intercom answered 403');
      await store().applyConfig(sampleConfig());
      expect(await store().listDestinations()).toEqual(
        withPauses(sampleConfig(), {
          d1: 'Intercom answered 401: the access token was refused',
          d2: 'Intercom answered 403',
        }),
      );
      const fixed = sampleConfig();
      fixed.destinations[0]!.settings = { ...fixed.destinations[0]!.settings, accessToken: 'a-new-token' };
      await store().applyConfig(fixed);
      const [d1, d2] = await store().listDestinations();
      expect(d1!.pausedReason).toBeNull();
      expect(d2!.pausedReason).toBe('Intercom answered 403');
      await store().setDestinationPaused('d2', null);
      expect((await store().listDestinations())[1]!.pausedReason).toBeNull();
    });

    it('finds a source by its write key, and only by its current one', async () => {
      await store().applyConfig(sampleConfig());
      expect(await store().findSourceByWriteKey('wk-app')).toEqual({ id: 'app', name: 'Mobile app', writeKey: 'wk-app' });
      expect(await store().findSourceByWriteKey('wk-nope')).toBeUndefined();
      expect(await store().findSourceByWriteKey('WK-APP')).toBeUndefined();
      const next = sampleConfig();
      next.sources[1]!.writeKey = 'wk-app-2';
      await store().applyConfig(next);
      expect(await store().findSourceByWriteKey('wk-app')).toBeUndefined();
      expect((await store().findSourceByWriteKey('wk-app-2'))?.id).toBe('app');
    });

    it('lets two sources swap write keys in one apply', async () => {
      await store().applyConfig(sampleConfig());
      const swapped = sampleConfig();
      swapped.sources[0]!.writeKey = 'wk-app';
      swapped.sources[1]!.writeKey = 'wk-web';
      await store().applyConfig(swapped);
      expect((await store().findSourceByWriteKey('wk-app'))?.id).toBe('web');
      expect((await store().findSourceByWriteKey('wk-web'))?.id).toBe('app');
    });

    it('applies nothing when one part of the config cannot be stored', async () => {
      await store().applyConfig(sampleConfig());
      const clash = sampleConfig();
      clash.sources = [{ id: 'web', name: 'renamed', writeKey: 'wk-web' }];
      clash.destinations = [destination('d9')];
      await store().applyConfig({ sources: [{ id: 'other', writeKey: 'wk-other' }], destinations: [] });
      clash.sources.push({ id: 'thief', writeKey: 'wk-other' });
      await expect(store().applyConfig(clash)).rejects.toThrow();
      expect((await store().listSources()).map((s) => s.name ?? null)).toEqual([null, 'Mobile app', null]);
      expect((await store().listDestinations()).map((d) => d.id)).toEqual(['d1', 'd2']);
    });
  });
}
