// Merging queued identifies: later fields win, attributes key by key, identity changes and R1 refusals kept apart.
import { describe, expect, it } from 'vitest';
import { identifyRunKey, mergeIdentifies } from './coalesce.js';

describe('identify coalescing', () => {
  it('merges field by field, the later payload winning where it has the field', () => {
    expect(mergeIdentifies([
      { role: 'user', external_id: 'u1', name: 'Ada', phone: '1', last_seen_at: '2026-01-01T00:00:01Z' },
      { role: 'user', external_id: 'u1', name: 'Ada L.', last_seen_at: '2026-01-01T00:00:02Z' },
    ])).toEqual({ role: 'user', external_id: 'u1', name: 'Ada L.', phone: '1', last_seen_at: '2026-01-01T00:00:02Z' });
  });

  it('merges custom attributes key by key; a later value Intercom cannot take leaves the earlier one', () => {
    expect(mergeIdentifies([
      { role: 'user', external_id: 'u1', custom_attributes: { plan: 'free', seats: 1, tags: 'a' } },
      { role: 'user', external_id: 'u1', custom_attributes: { plan: 'pro', seats: null, tags: ['x'], extra: { a: 1 } } },
    ])).toEqual({ role: 'user', external_id: 'u1', custom_attributes: { plan: 'pro', seats: null, tags: 'a', extra: { a: 1 } } });
  });

  it('keys a run by role, external_id and email; a lead has no external_id (R2)', () => {
    expect(identifyRunKey({ role: 'user', external_id: 'u1', email: 'a@example.com', name: 'x' }))
      .toBe(identifyRunKey({ role: 'user', external_id: 'u1', email: 'a@example.com' }));
    expect(identifyRunKey({ role: 'user', external_id: 'u1', email: 'a@example.com' }))
      .not.toBe(identifyRunKey({ role: 'user', external_id: 'u1', email: 'b@example.com' }));
    expect(identifyRunKey({ role: 'lead', external_id: 'u1' })).toBe(identifyRunKey({ role: 'lead' }));
    expect(identifyRunKey({ role: 'lead' })).not.toBe(identifyRunKey({ role: 'user', external_id: 'u1' }));
  });

  it("refuses, as perform would, a user with neither external_id nor email (R1)", () => {
    expect(() => identifyRunKey({ role: 'user', name: 'x' })).toThrow(/needs an external_id or an email/);
  });
});
