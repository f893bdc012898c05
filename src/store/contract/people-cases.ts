// Contract: the people role (R23) — a person's copies erased whatever their state, others left in order; suppressions; log.
import { describe, expect, it } from 'vitest';
import type { ErasedCounts, Store } from '../types.js';
import { configured, finished, MINUTE, newEvent, numbersOf, T0, useStore, type OpenStore } from './fixtures.js';

const persons = async (s: Store) =>
  (await s.listDeliveries({ destinationId: 'd1', limit: 500 })).items.map((d) => d.personKey).sort();

const none: ErasedCounts = { events: 0, jobs: 0, attempts: 0, identities: 0 };

export function peopleCases(open: OpenStore) {
  describe('people: erasure', () => {
    const store = useStore(open);

    it('erases a userId: its events, finished and unfinished jobs, attempts and cache keys; others stay in order', async () => {
      const s = await configured(store());
      await s.insertEvents([newEvent(1, 'ann'), newEvent(2, 'bob'), newEvent(3, 'ann'), newEvent(4, 'bob')]);
      const [ann1] = await s.leaseJobs('d1', 1, MINUTE, T0);
      await s.finishJob(ann1!.id, finished('delivered'), T0);
      const cache = s.identityCache();
      await cache.rememberContact('d1', [{ kind: 'external_id', value: 'ann' }, { kind: 'email', value: 'ann@example.com' }], { id: 'c-ann', role: 'user' });
      await cache.rememberAttached('d1', 'c-ann', 'co1');
      await cache.rememberContact('d1', [{ kind: 'external_id', value: 'bob' }], { id: 'c-bob', role: 'user' });

      expect(await s.erasePersonData({ kind: 'userId', value: 'ann' })).toEqual({ events: 2, jobs: 2, attempts: 1, identities: 3 });
      expect(await persons(s)).toEqual(['bob', 'bob']);
      expect(await cache.findContact('d1', { kind: 'email', value: 'ann@example.com' })).toBeUndefined();
      expect(await cache.isAttached('d1', 'c-ann', 'co1')).toBe(false);
      expect(await cache.findContact('d1', { kind: 'external_id', value: 'bob' })).toEqual({ id: 'c-bob', role: 'user' });
      expect(numbersOf(await s.leaseJobs('d1', 10, MINUTE, T0))).toEqual([2]);
      expect(await s.erasePersonData({ kind: 'userId', value: 'ann' })).toEqual(none);
    });

    it('erases an anonymousId where it is the person key and where a userId came with it', async () => {
      const s = await configured(store());
      const anonymous = newEvent(1, 'anon-1');
      anonymous.event = { type: 'identify', messageId: 'message-1', anonymousId: 'anon-1', n: 1 };
      const identified = newEvent(2, 'ann');
      identified.event = { ...identified.event, anonymousId: 'anon-1' };
      await s.insertEvents([anonymous, identified, newEvent(3, 'bob')]);
      await s.identityCache().rememberContact('d1', [{ kind: 'anonymous_id', value: 'anon-1' }], { id: 'lead-1', role: 'lead' });
      expect(await s.erasePersonData({ kind: 'anonymousId', value: 'anon-1' })).toEqual({ events: 2, jobs: 2, attempts: 0, identities: 1 });
      expect(await persons(s)).toEqual(['bob']);
    });

    it('erases an email found anywhere in an event, whatever its case, and promotes the next job of the person', async () => {
      const s = await configured(store());
      const withEmail = newEvent(1, 'ann');
      withEmail.event = { type: 'track', messageId: 'message-1', userId: 'ann', properties: { buyer: { mail: 'Ann@Example.com' } }, n: 1 };
      const without = newEvent(2, 'ann');
      without.event = { type: 'track', messageId: 'message-2', userId: 'ann', n: 2 };
      const similar = newEvent(3, 'xann');
      similar.event = { ...similar.event, traits: { email: 'xann@example.com' } };
      await s.insertEvents([withEmail, without, similar]);
      await s.identityCache().rememberContact('d1', [{ kind: 'lead_email', value: 'ann@example.com' }], { id: 'lead-2', role: 'lead' });
      expect(await s.erasePersonData({ kind: 'email', value: 'ANN@example.com' })).toEqual({ events: 1, jobs: 1, attempts: 0, identities: 1 });
      // ann's second event carries no email: it stays, and is now the first of her jobs to go.
      expect(numbersOf(await s.leaseJobs('d1', 10, MINUTE, T0))).toEqual([2, 3]);
    });
  });

  describe('people: suppressions and the erasure log', () => {
    const store = useStore(open);

    it('records a suppression once per hash, lists and lifts it', async () => {
      const s = store();
      const first = await s.addSuppression('userId', 'h1', T0);
      expect(first).toEqual({ id: expect.any(Number), kind: 'userId', hash: 'h1', createdAt: T0 });
      expect(await s.addSuppression('userId', 'h1', new Date(T0.getTime() + MINUTE))).toEqual(first);
      const second = await s.addSuppression('email', 'h2', T0);
      expect(await s.listSuppressions()).toEqual([first, second]);
      expect(await s.deleteSuppression(first.id)).toBe(true);
      expect(await s.deleteSuppression(first.id)).toBe(false);
      expect(await s.listSuppressions()).toEqual([second]);
    });

    it('logs erasures, newest first', async () => {
      const s = store();
      const base = { actor: 'admin', identifierKind: 'userId' as const, deleted: none, suppressionId: null };
      const one = await s.recordErasure({ ...base, at: T0, destinations: [{ destinationId: 'd1', status: 'deleted', httpStatus: 200 }] });
      const two = await s.recordErasure({ ...base, at: T0, actor: 'cli', destinations: [] });
      expect(await s.listErasures()).toEqual([two, one]);
      expect(await s.listErasures(1)).toEqual([two]);
    });
  });
}
