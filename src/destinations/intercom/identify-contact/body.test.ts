// contactBody on its own: timestamps as unix seconds (R6), no external_id on a lead (R2), scalar custom attributes (R7).
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../errors.js';
import { contactBody } from './body.js';

// 2023-11-14T22:13:20Z
const SECONDS = 1_700_000_000;

describe('contactBody timestamps (R6)', () => {
  it.each([
    ['ISO-8601 text', '2023-11-14T22:13:20Z', SECONDS],
    ['ISO-8601 text with an offset and fractions', '2023-11-15T00:13:20.999+02:00', SECONDS],
    ['unix seconds', SECONDS, SECONDS],
    ['fractional unix seconds', SECONDS + 0.75, SECONDS],
    ['unix milliseconds', SECONDS * 1000 + 999, SECONDS],
    ['a numeric string of seconds', String(SECONDS), SECONDS],
    ['a numeric string of milliseconds', String(SECONDS * 1000), SECONDS],
  ])('%s become integer unix seconds', (_, value, expected) => {
    const { body } = contactBody({ role: 'user', external_id: 'u-1', signed_up_at: value, last_seen_at: value });
    expect(body.signed_up_at).toBe(expected);
    expect(body.last_seen_at).toBe(expected);
  });

  it('reads 10^11 as seconds and anything above it as milliseconds', () => {
    expect(contactBody({ role: 'user', external_id: 'u-1', signed_up_at: 1e11 }).body.signed_up_at).toBe(1e11);
    expect(contactBody({ role: 'user', external_id: 'u-1', signed_up_at: 1e11 + 1000 }).body.signed_up_at).toBe(1e8 + 1);
  });

  it.each(['signed_up_at', 'last_seen_at'] as const)('refuses an unparseable %s with a FerryError naming the field', (name) => {
    let thrown: unknown;
    try {
      contactBody({ role: 'user', external_id: 'u-1', [name]: 'next tuesday-ish' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FerryError);
    const error = thrown as FerryError;
    expect(error.code).toBe('FERRY_ERR_PAYLOAD_INVALID');
    expect(error.details.field).toBe(name);
    expect(error.message).toContain(`'${name}'`);
    expect(error.message).toContain('identifyContact');
  });
});

describe('contactBody roles (R2)', () => {
  it('keeps a user\'s external_id', () => {
    expect(contactBody({ role: 'user', external_id: 'u-1', email: 'ann@example.com' })).toEqual({
      body: { role: 'user', external_id: 'u-1', email: 'ann@example.com' },
      warnings: [],
    });
  });

  it('never gives a lead an external_id, and says so', () => {
    const { body, warnings } = contactBody({ role: 'lead', external_id: 'u-1', name: 'Visitor' });
    expect(body).toEqual({ role: 'lead', name: 'Visitor' });
    expect(Object.hasOwn(body, 'external_id')).toBe(false);
    expect(warnings).toEqual(['external_id left out: Intercom does not allow an external_id on a lead']);
  });

  it('has no warning for a lead that came without an external_id', () => {
    expect(contactBody({ role: 'lead', email: 'v@example.com' })).toEqual({
      body: { role: 'lead', email: 'v@example.com' },
      warnings: [],
    });
  });
});

describe('contactBody fields', () => {
  it('carries every mapped field under its Intercom name', () => {
    const { body, warnings } = contactBody({
      role: 'user',
      external_id: 'u-1',
      email: 'ann@example.com',
      phone: '+1 555 0100',
      name: 'Ann',
      avatar: 'https://example.com/ann.png',
      signed_up_at: SECONDS,
      last_seen_at: '2023-11-14T22:13:20Z',
      owner_id: 7,
      unsubscribed_from_emails: true,
      custom_attributes: { plan: 'pro', seats: 3, trial: false, cancelled_at: null },
    });
    expect(warnings).toEqual([]);
    expect(body).toEqual({
      role: 'user',
      external_id: 'u-1',
      email: 'ann@example.com',
      phone: '+1 555 0100',
      name: 'Ann',
      avatar: 'https://example.com/ann.png',
      signed_up_at: SECONDS,
      last_seen_at: SECONDS,
      owner_id: 7,
      unsubscribed_from_emails: true,
      custom_attributes: { plan: 'pro', seats: 3, trial: false, cancelled_at: null },
    });
  });

  it('leaves fields that were not mapped out of the body entirely (no undefined, no null)', () => {
    const { body } = contactBody({ role: 'user', email: 'ann@example.com' });
    expect(Object.keys(body)).toEqual(['role', 'email']);
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });

  it('keeps unsubscribed_from_emails false (a falsy value is still a value)', () => {
    expect(contactBody({ role: 'user', email: 'a@example.com', unsubscribed_from_emails: false }).body).toEqual({
      role: 'user', email: 'a@example.com', unsubscribed_from_emails: false,
    });
  });

  it('does not change its input', () => {
    const payload = { role: 'lead' as const, external_id: 'u-1', custom_attributes: { tags: ['a'], plan: 'pro' } };
    const copy = structuredClone(payload);
    contactBody(payload);
    expect(payload).toEqual(copy);
  });
});

describe('contactBody custom attributes (R7)', () => {
  it('leaves out objects and lists with a warning naming them, keeping the scalars', () => {
    const { body, warnings } = contactBody({
      role: 'user',
      external_id: 'u-1',
      custom_attributes: { plan: 'pro', address: { city: 'Oslo' }, tags: ['a', 'b'], seats: 3, ratio: Number.NaN },
    });
    expect(body.custom_attributes).toEqual({ plan: 'pro', seats: 3 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^custom attributes left out .*: address, tags, ratio$/);
  });

  it('sends no custom_attributes at all when none is left', () => {
    const { body, warnings } = contactBody({ role: 'user', external_id: 'u-1', custom_attributes: { address: { city: 'Oslo' } } });
    expect(Object.hasOwn(body, 'custom_attributes')).toBe(false);
    expect(warnings).toEqual([expect.stringContaining('address')]);
  });

  it('sends no custom_attributes for an empty object', () => {
    expect(contactBody({ role: 'user', external_id: 'u-1', custom_attributes: {} })).toEqual({
      body: { role: 'user', external_id: 'u-1' },
      warnings: [],
    });
  });
});
