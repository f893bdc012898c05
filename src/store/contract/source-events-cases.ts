// Contract: listSourceEvents (a source's events newest first, each with its deliveries and their log states, paged).
import { describe, expect, it } from 'vitest';
import { IDENTIFY, NO_MATCH, ORDERS, settle } from './delivery-log-fixtures.js';
import { at, configured, finished, MINUTE, newEvent, retry, T0, useStore, type OpenStore } from './fixtures.js';

export function sourceEventCases(open: OpenStore) {
  describe('listSourceEvents', () => {
    const store = useStore(open);

    it("lists one source's events newest first, each with its deliveries in the order they were queued", async () => {
      const s = await configured(store());
      await s.insertEvents([
        newEvent(1, 'ann', { jobs: [IDENTIFY, ORDERS] }),
        newEvent(2, 'bob', { at: at(MINUTE), source: 'app' }),
        newEvent(3, 'cy', { at: at(2 * MINUTE), jobs: [NO_MATCH] }),
        newEvent(4, 'dee', { at: at(3 * MINUTE), jobs: [] }),
      ]);
      const delivered = await settle(s, 1, finished('delivered'), at(4 * MINUTE));
      const { events, nextBefore } = await s.listSourceEvents('web');
      expect(nextBefore).toBeUndefined();
      expect(events.map((e) => [e.messageId, e.deliveries.map((d) => [d.mappingName, d.state])])).toEqual([
        ['message-4', []],
        ['message-3', [[null, 'filtered']]],
        ['message-1', [['identify', 'delivered'], ['orders', 'pending']]],
      ]);
      expect(events[2]).toEqual({
        id: expect.any(Number),
        messageId: 'message-1',
        type: 'identify',
        receivedAt: T0,
        event: newEvent(1, 'ann').event,
        deliveries: [
          { id: delivered, destinationId: 'd1', mappingName: 'identify', action: 'identifyContact', state: 'delivered' },
          { id: expect.any(Number), destinationId: 'd1', mappingName: 'orders', action: 'trackEvent', state: 'pending' },
        ],
      });
      expect(events[1]!.deliveries[0]).toMatchObject({ destinationId: 'd1', action: null });
      expect((await s.listSourceEvents('app')).events.map((e) => e.messageId)).toEqual(['message-2']);
      expect(await s.listSourceEvents('nope')).toEqual({ events: [] });
    });

    it('names a pending delivery that failed before "retrying"', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann')]);
      await settle(s, 1, retry(at(MINUTE)), T0);
      const [event] = (await s.listSourceEvents('web')).events;
      expect(event!.deliveries.map((d) => d.state)).toEqual(['retrying']);
    });

    it('pages with the id of the last event shown, until the last page', async () => {
      const s = await configured(store());
      await s.insertEvents([1, 2, 3, 4, 5].map((n) => newEvent(n, `p${n}`, { at: at(n * MINUTE), jobs: [] })));
      const first = await s.listSourceEvents('web', { limit: 2 });
      expect(first.events.map((e) => e.event.n)).toEqual([5, 4]);
      expect(first.nextBefore).toBe(first.events[1]!.id);
      const second = await s.listSourceEvents('web', { limit: 2, before: first.nextBefore });
      expect(second.events.map((e) => e.event.n)).toEqual([3, 2]);
      const last = await s.listSourceEvents('web', { limit: 2, before: second.nextBefore });
      expect(last.events.map((e) => e.event.n)).toEqual([1]);
      expect(last.nextBefore).toBeUndefined();
      expect((await s.listSourceEvents('web', { limit: 5 })).nextBefore).toBeUndefined();
    });
  });
}
