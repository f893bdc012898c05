// test-event's read-only cache over a data dir a running ferry holds: it behaves as a cache, and never writes below.
import { describe, expect, it } from 'vitest';
import { MemoryIdentityCache } from '../destinations/kit/memory-identity-cache.js';
import { describeIdentityCacheContract } from '../store/contract/identity-cache-contract.js';
import { ReadOnlyIdentityCache } from './test-event-cache.js';

describeIdentityCacheContract('ReadOnlyIdentityCache', async () => ({
  cache: new ReadOnlyIdentityCache(new MemoryIdentityCache()),
  close: async () => {},
}));

describe('ReadOnlyIdentityCache over a stored cache', () => {
  const key = { kind: 'anonymous_id', value: 'anon-1' } as const;

  it('reads the stored entries, keeps what it learns above them, and hides a forgotten stored contact', async () => {
    const stored = new MemoryIdentityCache();
    await stored.rememberContact('d', [key], { id: 'c1', role: 'lead' });
    await stored.rememberAttached('d', 'c1', 'co1');
    await stored.rememberCompany('d', 'acme', 'co1');
    const cache = new ReadOnlyIdentityCache(stored);
    expect(await cache.findContact('d', key)).toEqual({ id: 'c1', role: 'lead' });
    expect(await cache.isAttached('d', 'c1', 'co1')).toBe(true);
    expect(await cache.findCompany('d', 'acme')).toBe('co1');

    await cache.forgetContact('d', 'c1');
    expect(await cache.findContact('d', key)).toBeUndefined();
    expect(await cache.isAttached('d', 'c1', 'co1')).toBe(false);
    await cache.rememberContact('d', [key, { kind: 'email', value: 'a@example.com' }], { id: 'c2', role: 'user' });
    await cache.rememberCompany('d', 'globex', 'co2');
    expect(await cache.findContact('d', key)).toEqual({ id: 'c2', role: 'user' });

    // Nothing reached the stored cache.
    expect(await stored.findContact('d', key)).toEqual({ id: 'c1', role: 'lead' });
    expect(await stored.findContact('d', { kind: 'email', value: 'a@example.com' })).toBeUndefined();
    expect(await stored.findCompany('d', 'globex')).toBeUndefined();
  });
});
