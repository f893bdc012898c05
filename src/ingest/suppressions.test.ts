// R23's in-memory suppressions: keyed hashes only, an event's userId / anonymousId / traits email, changes seen at once.
import { describe, expect, it } from 'vitest';
import type { Suppression } from '../store/types.js';
import { identifiersOf, personHash, Suppressions, type SuppressionStore } from './suppressions.js';

const KEY = Buffer.alloc(32, 3);

function memoryStore(): SuppressionStore & { rows: Suppression[] } {
  const rows: Suppression[] = [];
  return {
    rows,
    addSuppression: async (kind, hash, now) => {
      const found = rows.find((r) => r.hash === hash);
      if (found) return found;
      const row = { id: rows.length + 1, kind, hash, createdAt: now };
      rows.push(row);
      return row;
    },
    listSuppressions: async () => [...rows],
    deleteSuppression: async (id) => {
      const at = rows.findIndex((r) => r.id === id);
      if (at < 0) return false;
      rows.splice(at, 1);
      return true;
    },
  };
}

describe('personHash', () => {
  it('is an HMAC of the kind and identifier with the key: emails whatever their case, ids exactly', () => {
    expect(personHash(KEY, 'email', ' Ann@Example.com')).toBe(personHash(KEY, 'email', 'ann@example.com'));
    expect(personHash(KEY, 'userId', 'Ann')).not.toBe(personHash(KEY, 'userId', 'ann'));
    expect(personHash(KEY, 'userId', 'ann')).not.toBe(personHash(KEY, 'anonymousId', 'ann'));
    expect(personHash(Buffer.alloc(32, 4), 'userId', 'ann')).not.toBe(personHash(KEY, 'userId', 'ann'));
    expect(personHash(KEY, 'userId', 'ann')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('identifiersOf', () => {
  it("reads userId, anonymousId and the email of traits and context.traits, once each", () => {
    expect(identifiersOf({ userId: 'u', anonymousId: 'a', traits: { email: 'x@y.z' }, context: { traits: { email: 'x@y.z' } } }))
      .toEqual([['userId', 'u'], ['anonymousId', 'a'], ['email', 'x@y.z']]);
    expect(identifiersOf({ userId: '', anonymousId: 7, traits: 'no', context: { traits: { email: 'c@d.e' } } })).toEqual([['email', 'c@d.e']]);
  });
});

describe('Suppressions', () => {
  it('keeps only hashes in the store, and sees an addition and a lift at once', async () => {
    const store = memoryStore();
    const suppressions = await Suppressions.load(store, KEY);
    const event = { type: 'track', userId: 'ann', event: 'x' };
    expect(suppressions.isSuppressed(event)).toBe(false);
    const added = await suppressions.add('userId', 'ann', new Date(0));
    expect(JSON.stringify(store.rows)).not.toContain('ann');
    expect(suppressions.isSuppressed(event)).toBe(true);
    expect(suppressions.isSuppressed({ ...event, userId: 'bob' })).toBe(false);
    expect(await suppressions.lift(added.id)).toBe(true);
    expect(suppressions.isSuppressed(event)).toBe(false);
    expect(await suppressions.lift(added.id)).toBe(false);
  });

  it('loads what the store holds; an email suppression catches the traits email in any case', async () => {
    const store = memoryStore();
    await (await Suppressions.load(store, KEY)).add('email', 'Ann@Example.com', new Date(0));
    const reloaded = await Suppressions.load(store, KEY);
    expect(reloaded.isSuppressed({ anonymousId: 'a', context: { traits: { email: 'ANN@example.com' } } })).toBe(true);
    expect(reloaded.isSuppressed({ userId: 'Ann@Example.com' })).toBe(false);
  });
});
