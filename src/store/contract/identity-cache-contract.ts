// Contract for any IdentityCache (R16): the in-memory one and every store's persistent one behave the same.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactKey, IdentityCache } from '../../destinations/kit/identity-cache.js';

export interface OpenedCache {
  cache: IdentityCache;
  close(): Promise<void>;
}

const externalId = (value: string): ContactKey => ({ kind: 'external_id', value });
const email = (value: string): ContactKey => ({ kind: 'email', value });
const anonymousId = (value: string): ContactKey => ({ kind: 'anonymous_id', value });
const leadEmail = (value: string): ContactKey => ({ kind: 'lead_email', value });

/** `open` gives an empty cache in which destinations "d1" and "d2" may be used. */
export function describeIdentityCacheContract(name: string, open: () => Promise<OpenedCache>) {
  describe(`${name}: identity cache contract`, () => {
    let opened: OpenedCache | undefined;
    const cache = () => opened!.cache;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened?.close();
    });

    it('finds a contact by every key it was remembered under, and nothing else', async () => {
      const contact = { id: 'c1', role: 'user' } as const;
      await cache().rememberContact('d1', [externalId('u1'), email('ann@example.com')], contact);
      expect(await cache().findContact('d1', externalId('u1'))).toEqual(contact);
      expect(await cache().findContact('d1', email('ann@example.com'))).toEqual(contact);
      expect(await cache().findContact('d1', externalId('u2'))).toBeUndefined();
      expect(await cache().findContact('d1', anonymousId('u1'))).toBeUndefined();
      expect(await cache().findContact('d1', leadEmail('ann@example.com'))).toBeUndefined();
    });

    it('compares emails (user and lead) without case, other keys exactly', async () => {
      await cache().rememberContact('d1', [email('Ann@Example.COM'), externalId('User-1')], { id: 'c1', role: 'user' });
      await cache().rememberContact('d1', [leadEmail('LEAD@example.com')], { id: 'c2', role: 'lead' });
      expect(await cache().findContact('d1', email('ann@example.com'))).toEqual({ id: 'c1', role: 'user' });
      expect(await cache().findContact('d1', email('ANN@EXAMPLE.COM'))).toEqual({ id: 'c1', role: 'user' });
      expect(await cache().findContact('d1', leadEmail('lead@EXAMPLE.com'))).toEqual({ id: 'c2', role: 'lead' });
      expect(await cache().findContact('d1', externalId('user-1'))).toBeUndefined();
      expect(await cache().findContact('d1', anonymousId('ann@example.com'))).toBeUndefined();
    });

    it('points a key at the contact remembered last', async () => {
      await cache().rememberContact('d1', [anonymousId('anon-1')], { id: 'lead-1', role: 'lead' });
      await cache().rememberContact('d1', [anonymousId('anon-1'), externalId('u1')], { id: 'c9', role: 'user' });
      expect(await cache().findContact('d1', anonymousId('anon-1'))).toEqual({ id: 'c9', role: 'user' });
    });

    it('keeps its own copy: changing the remembered object does not change the cache', async () => {
      const contact = { id: 'c1', role: 'lead' as 'user' | 'lead' };
      await cache().rememberContact('d1', [anonymousId('a')], contact);
      contact.role = 'user';
      expect(await cache().findContact('d1', anonymousId('a'))).toEqual({ id: 'c1', role: 'lead' });
    });

    it('forgets every key of a contact and its attachments, and nothing of other contacts', async () => {
      await cache().rememberContact('d1', [externalId('u1'), email('a@x.io'), anonymousId('an')], { id: 'c1', role: 'user' });
      await cache().rememberContact('d1', [externalId('u2')], { id: 'c2', role: 'user' });
      await cache().rememberCompany('d1', 'acme', 'co1');
      await cache().rememberAttached('d1', 'c1', 'co1');
      await cache().rememberAttached('d1', 'c2', 'co1');
      await cache().forgetContact('d1', 'c1');
      for (const key of [externalId('u1'), email('A@X.IO'), anonymousId('an')]) {
        expect(await cache().findContact('d1', key)).toBeUndefined();
      }
      expect(await cache().isAttached('d1', 'c1', 'co1')).toBe(false);
      expect(await cache().findContact('d1', externalId('u2'))).toEqual({ id: 'c2', role: 'user' });
      expect(await cache().isAttached('d1', 'c2', 'co1')).toBe(true);
      expect(await cache().findCompany('d1', 'acme')).toBe('co1');
      await cache().forgetContact('d1', 'never-seen');
    });

    it('remembers companies and attachments, idempotently', async () => {
      expect(await cache().findCompany('d1', 'acme')).toBeUndefined();
      await cache().rememberCompany('d1', 'acme', 'co1');
      await cache().rememberCompany('d1', 'acme', 'co2');
      expect(await cache().findCompany('d1', 'acme')).toBe('co2');
      expect(await cache().findCompany('d1', 'ACME')).toBeUndefined();
      expect(await cache().isAttached('d1', 'c1', 'co2')).toBe(false);
      await cache().rememberAttached('d1', 'c1', 'co2');
      await cache().rememberAttached('d1', 'c1', 'co2');
      expect(await cache().isAttached('d1', 'c1', 'co2')).toBe(true);
      expect(await cache().isAttached('d1', 'c1', 'co1')).toBe(false);
      expect(await cache().isAttached('d1', 'c2', 'co2')).toBe(false);
    });

    it('keeps destinations apart', async () => {
      await cache().rememberContact('d1', [externalId('u1')], { id: 'c1', role: 'user' });
      await cache().rememberContact('d2', [externalId('u1')], { id: 'other', role: 'user' });
      await cache().rememberCompany('d1', 'acme', 'co1');
      await cache().rememberAttached('d1', 'c1', 'co1');
      await cache().rememberAttached('d2', 'c1', 'co1');
      expect(await cache().findContact('d2', externalId('u1'))).toEqual({ id: 'other', role: 'user' });
      expect(await cache().findCompany('d2', 'acme')).toBeUndefined();
      await cache().rememberContact('d2', [externalId('u9')], { id: 'c1', role: 'user' });
      await cache().forgetContact('d1', 'c1');
      expect(await cache().findContact('d1', externalId('u1'))).toBeUndefined();
      expect(await cache().isAttached('d1', 'c1', 'co1')).toBe(false);
      expect(await cache().findContact('d2', externalId('u9'))).toEqual({ id: 'c1', role: 'user' });
      expect(await cache().isAttached('d2', 'c1', 'co1')).toBe(true);
    });
  });
}
