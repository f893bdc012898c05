// The Track Event body on its own: event names (R11), price (R13), metadata limits (R14), timestamps (R6).
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../errors.js';
import { eventBody, eventName, metadataFor, type TrackEventPayload } from './body.js';

const base = { event_name: 'Signed Up', created_at: 1_700_000_000 };
const meta = (payload: Partial<TrackEventPayload>) => metadataFor({ ...base, ...payload });

describe('eventName (R11)', () => {
  it.each([
    ['Order.Completed$', 'Order-Completed-'],
    ['$pageview', '-pageview'],
    ['a.b.c$$', 'a-b-c--'],
    ['Order Completed', 'Order Completed'],
  ])('%s -> %s', (name, expected) => {
    expect(eventName(name)).toBe(expected);
  });
});

describe('price (R13)', () => {
  it('turns revenue into integer cents in USD by default', () => {
    expect(meta({ revenue: 19.99 })).toEqual({ metadata: { price: { amount: 1999, currency: 'USD' } }, warnings: [] });
  });

  it.each([
    [0.1 + 0.2, 30],
    [1.15, 115],
    [4.35, 435],
    [100, 10000],
    [0, 0],
    [-5.25, -525],
  ])('rounds %s to %s cents', (revenue, cents) => {
    expect(meta({ revenue }).metadata.price).toEqual({ amount: cents, currency: 'USD' });
  });

  it('uses the currency given', () => {
    expect(meta({ revenue: 5, currency: 'EUR' }).metadata).toEqual({ price: { amount: 500, currency: 'EUR' } });
  });

  it('never puts revenue, currency or email inside metadata', () => {
    const { metadata } = meta({
      revenue: 19.99,
      currency: 'EUR',
      email: 'ann@example.com',
      metadata: { revenue: 19.99, currency: 'EUR', email: 'ann@example.com', order_id: 'o-1' },
    });
    expect(metadata).toEqual({ price: { amount: 1999, currency: 'EUR' }, order_id: 'o-1' });
  });

  it('leaves revenue, currency and email out of metadata even when revenue is not mapped', () => {
    expect(meta({ metadata: { revenue: 3, currency: 'EUR', email: 'a@example.com', sku: 'x' } }).metadata).toEqual({ sku: 'x' });
  });

  it('lets the computed price win over a price property', () => {
    expect(meta({ revenue: 2, metadata: { price: 999 } }).metadata).toEqual({ price: { amount: 200, currency: 'USD' } });
  });

  it('keeps a price property when there is no revenue', () => {
    expect(meta({ metadata: { price: 999 } }).metadata).toEqual({ price: 999 });
  });
});

describe('metadata (R14)', () => {
  const twelve = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i + 1}`, i + 1]));

  it('keeps the first 10 keys and warns naming the rest', () => {
    const { metadata, warnings } = meta({ metadata: twelve });
    expect(Object.keys(metadata)).toEqual(['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9', 'k10']);
    expect(warnings).toEqual(['metadata left out (Intercom keeps at most 10 keys): k11, k12']);
  });

  it('puts price first, so it counts among the 10', () => {
    const { metadata, warnings } = meta({ revenue: 1, metadata: twelve });
    expect(Object.keys(metadata)).toEqual(['price', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9']);
    expect(warnings).toEqual(['metadata left out (Intercom keeps at most 10 keys): k10, k11, k12']);
  });

  it('keeps exactly 10 keys without a warning', () => {
    const ten = Object.fromEntries(Object.entries(twelve).slice(0, 10));
    expect(meta({ metadata: ten })).toEqual({ metadata: ten, warnings: [] });
  });

  it('keeps scalars, rich links and money; leaves out other objects and arrays with a warning', () => {
    const { metadata, warnings } = meta({
      metadata: {
        order_id: 'o-1',
        count: 2,
        gift: false,
        note: null,
        article: { url: 'https://example.com/a', value: 'The article' },
        total: { amount: 1999, currency: 'EUR' },
        items: [{ sku: 'x' }],
        address: { city: 'Oslo' },
        half_money: { amount: 1.5, currency: 'EUR' },
        link_plus: { url: 'https://example.com', value: 'x', extra: 1 },
      },
    });
    expect(metadata).toEqual({
      order_id: 'o-1',
      count: 2,
      gift: false,
      note: null,
      article: { url: 'https://example.com/a', value: 'The article' },
      total: { amount: 1999, currency: 'EUR' },
    });
    expect(warnings).toEqual([
      'metadata left out (Intercom takes no nested objects or lists other than money and links): items, address, half_money, link_plus',
    ]);
  });

  it('counts the 10 after leaving out nested values', () => {
    const { metadata, warnings } = meta({ metadata: { nested: { a: 1 }, ...twelve } });
    expect(Object.keys(metadata)).toHaveLength(10);
    expect(metadata).not.toHaveProperty('nested');
    expect(warnings).toEqual([
      expect.stringMatching(/: nested$/),
      'metadata left out (Intercom keeps at most 10 keys): k11, k12',
    ]);
  });
});

describe('eventBody', () => {
  it('puts the name, the time, who and the metadata together', () => {
    const { body, warnings } = eventBody({ ...base, event_name: 'Order.Completed', revenue: 19.99, metadata: { sku: 'x' } }, { user_id: 'u-1' });
    expect(warnings).toEqual([]);
    expect(body).toEqual({
      event_name: 'Order-Completed',
      created_at: 1_700_000_000,
      user_id: 'u-1',
      metadata: { price: { amount: 1999, currency: 'USD' }, sku: 'x' },
    });
  });

  it('has no metadata key when there is nothing to send', () => {
    expect(eventBody({ ...base, metadata: { items: [] } }, { id: 'c-1' }).body).toEqual({
      event_name: 'Signed Up', created_at: 1_700_000_000, id: 'c-1',
    });
  });

  it.each([
    ['unix milliseconds', 1_700_000_000_999],
    ['ISO-8601 text', '2023-11-14T22:13:20.500Z'],
    ['a numeric string', '1700000000'],
  ])('sends created_at given as %s as integer unix seconds (R6)', (_, created_at) => {
    expect(eventBody({ ...base, created_at }, { email: 'a@example.com' }).body.created_at).toBe(1_700_000_000);
  });

  it('refuses an unparseable created_at with a FerryError naming the field', () => {
    let thrown: unknown;
    try {
      eventBody({ ...base, created_at: 'soon' }, { email: 'a@example.com' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FerryError);
    expect((thrown as FerryError).details.field).toBe('created_at');
    expect((thrown as FerryError).message).toContain("trackEvent: field 'created_at'");
  });

  it('does not change its input', () => {
    const payload = { ...base, revenue: 1, metadata: { revenue: 1, email: 'a@example.com', nested: { a: 1 } } };
    const copy = structuredClone(payload);
    eventBody(payload, { user_id: 'u-1' });
    expect(payload).toEqual(copy);
  });

  it('renames metadata keys with periods or dollar signs instead of losing the event, with a warning', () => {
    const { metadata, warnings } = metadataFor({ ...base, metadata: { 'product.id': 'p1', $cost: 3, plain: true } });
    expect(metadata).toEqual({ 'product-id': 'p1', '-cost': 3, plain: true });
    expect(warnings).toEqual([
      "metadata keys renamed (Intercom allows no '.' or '$' in them): 'product.id' as 'product-id', '$cost' as '-cost'",
    ]);
  });

  it.each([
    [1.005, 101],
    [19.99, 1999],
    [0.1 + 0.2, 30],
    [-4.445, -444],
  ])('turns revenue %d into %d cents (R13)', (revenue, cents) => {
    expect(metadataFor({ ...base, revenue }).metadata.price).toEqual({ amount: cents, currency: 'USD' });
  });
});
