// Contract: listDeliveries (newest first, filters, cursor) and getDelivery (the event, every attempt, replayOf).
import { describe, expect, it } from 'vitest';
import { idsOf, IDENTIFY, NO_MATCH, ORDERS, settle } from './delivery-log-fixtures.js';
import { attempt, at, configured, finished, HOUR, MINUTE, newEvent, retry, T0, useStore, type OpenStore } from './fixtures.js';

export function deliveryLogCases(open: OpenStore) {
  describe('listDeliveries and getDelivery', () => {
    const store = useStore(open);

    it('lists newest first with what the log shows of each job', async () => {
      const s = await configured(store());
      await s.insertEvents([
        newEvent(1, 'ann', { jobs: [IDENTIFY] }),
        newEvent(2, 'bob', { at: at(MINUTE), jobs: [IDENTIFY, ORDERS] }),
        newEvent(3, 'cy', { at: at(2 * MINUTE), jobs: [NO_MATCH] }),
      ]);
      const rejected = { kind: 'finished', status: 'rejected', attempt: attempt('rejected', at(3 * MINUTE), { error: { code: 'X', message: 'no' } }) } as const;
      const annJob = await settle(s, 1, rejected, at(3 * MINUTE));
      const page = await s.listDeliveries({ destinationId: 'd1' });
      expect(page.nextCursor).toBeUndefined();
      expect(page.items.map((d) => [d.personKey, d.mappingName, d.state])).toEqual([
        ['cy', null, 'filtered'],
        ['bob', 'orders', 'pending'],
        ['bob', 'identify', 'pending'],
        ['ann', 'identify', 'rejected'],
      ]);
      expect(page.items[3]).toEqual({
        id: annJob,
        destinationId: 'd1',
        mappingName: 'identify',
        action: 'identifyContact',
        personKey: 'ann',
        eventType: 'identify',
        messageId: 'message-1',
        state: 'rejected',
        attempts: 1,
        queuedAt: T0,
        finishedAt: at(3 * MINUTE),
        nextAttemptAt: null,
        lastError: { code: 'X', message: 'no' },
        warnings: [],
        replayedBy: null,
      });
      expect(page.items[1]).toMatchObject({ action: 'trackEvent', finishedAt: null, nextAttemptAt: at(MINUTE) });
      expect(await s.listDeliveries({ destinationId: 'd2' })).toEqual({ items: [] });
    });

    it('filters by state (retrying = pending after a failed attempt), action, mapping, person and time', async () => {
      const s = await configured(store());
      await s.insertEvents([
        newEvent(1, 'ann', { jobs: [IDENTIFY] }),
        newEvent(2, 'bob', { at: at(MINUTE), jobs: [IDENTIFY, ORDERS] }),
        newEvent(3, 'cy', { at: at(2 * MINUTE), jobs: [IDENTIFY] }),
        newEvent(4, 'dee', { at: at(3 * MINUTE), jobs: [NO_MATCH] }),
      ]);
      await settle(s, 1, finished('delivered'), at(4 * MINUTE));
      await settle(s, 3, retry(at(HOUR)), at(4 * MINUTE));
      const [bobFirst] = await s.leaseJobs('d1', 1, MINUTE, at(4 * MINUTE));
      expect(bobFirst!.event.n).toBe(2);
      const numbers = async (filter: Omit<Parameters<typeof s.listDeliveries>[0], 'destinationId'>) =>
        (await s.listDeliveries({ destinationId: 'd1', ...filter })).items.map((d) => `${d.messageId.slice(8)}:${d.state}`);
      expect(await numbers({ states: ['retrying'] })).toEqual(['3:retrying']);
      expect(await numbers({ states: ['pending'] })).toEqual(['2:pending']);
      expect(await numbers({ states: ['leased', 'delivered'] })).toEqual(['2:leased', '1:delivered']);
      expect(await numbers({ states: ['filtered', 'rejected'] })).toEqual(['4:filtered']);
      expect(await numbers({ states: [] })).toEqual([]);
      expect(await numbers({ action: 'trackEvent' })).toEqual(['2:pending']);
      expect(await numbers({ mapping: 'identify' })).toEqual(['3:retrying', '2:leased', '1:delivered']);
      expect(await numbers({ person: 'bob' })).toEqual(['2:pending', '2:leased']);
      expect(await numbers({ person: 'bob', states: ['pending', 'retrying'] })).toEqual(['2:pending']);
      expect(await numbers({ from: at(MINUTE), to: at(3 * MINUTE) })).toEqual(['3:retrying', '2:pending', '2:leased']);
      expect(await numbers({ from: at(3 * MINUTE) })).toEqual(['4:filtered']);
    });

    it('pages with an opaque cursor, without gaps or repeats among jobs queued at the same time', async () => {
      const s = await configured(store());
      await s.insertEvents(Array.from({ length: 7 }, (_, i) => newEvent(i, `p${i}`, { at: at(i < 4 ? 0 : MINUTE) })));
      const all = idsOf(await s.listDeliveries({ destinationId: 'd1' }));
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await s.listDeliveries({ destinationId: 'd1', limit: 3, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...idsOf(page));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(seen).toEqual(all);
      expect(all).toHaveLength(7);
      await expect(s.listDeliveries({ destinationId: 'd1', cursor: 'not-a-cursor' })).rejects.toThrow();
    });

    it('answers at most 500 per page', async () => {
      const s = await configured(store());
      await s.insertEvents(Array.from({ length: 501 }, (_, i) => newEvent(i, `p${i}`)));
      const page = await s.listDeliveries({ destinationId: 'd1', limit: 10_000 });
      expect(page.items).toHaveLength(500);
      expect(page.nextCursor).toEqual(expect.any(String));
      expect((await s.listDeliveries({ destinationId: 'd1', cursor: page.nextCursor! })).items).toHaveLength(1);
    });

    it('gives one delivery with its event and every attempt, requests and responses included', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann', { jobs: [IDENTIFY] })]);
      const exchange = { method: 'POST', url: 'https://api.intercom.io/contacts', body: { role: 'user' }, status: 503, response: { type: 'error.list' }, durationMs: 40 };
      const failed = attempt('retrying', T0, { error: { message: 'Intercom answered 503' }, requests: [exchange] });
      const id = await settle(s, 1, { kind: 'retry', nextAttemptAt: at(MINUTE), giveUpAt: null, attempt: failed });
      const ok = { ...exchange, status: 200, response: { id: 'c1' } };
      await settle(s, 1, { kind: 'finished', status: 'delivered', attempt: attempt('delivered', at(MINUTE), { requests: [ok] }) }, at(MINUTE));
      const detail = await s.getDelivery(id);
      expect(detail).toMatchObject({ id, state: 'delivered', attempts: 2, replayOf: null, replayedBy: null, lastError: null });
      expect(detail!.event).toEqual(newEvent(1, 'ann').event);
      expect(detail!.attemptsDetail).toEqual([
        { attemptNo: 1, startedAt: T0, durationMs: 12, status: 'retrying', warnings: [], error: { message: 'Intercom answered 503' }, requests: [exchange] },
        { attemptNo: 2, startedAt: at(MINUTE), durationMs: 12, status: 'delivered', warnings: [], requests: [ok] },
      ]);
      expect(await s.getDelivery(id + 1000)).toBeUndefined();
    });
  });
}
