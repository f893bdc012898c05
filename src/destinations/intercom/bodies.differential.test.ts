// The body builders give exactly what their first, plainer versions gave (test-support/reference-bodies.ts), key
// order, `__proto__` keys, warnings and errors included, on generated payloads with the awkward keys and values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { companyBody } from './identify-company/body.js';
import { contactBody } from './identify-contact/body.js';
import * as reference from './test-support/reference-bodies.js';
import { eventBody, eventName, metadataFor } from './track-event/body.js';
import { toUnixSeconds } from '../kit/time.js';

function outcome(run: () => unknown): { json: string; value: unknown; protos: unknown[] } | { error: string } {
  try {
    const value = run() as { body?: Record<string, unknown>; metadata?: unknown };
    const nested = [value?.body, value?.body?.metadata, value?.body?.custom_attributes, value?.metadata];
    return { json: JSON.stringify(value), value, protos: nested.map((o) => (o && typeof o === 'object' ? Object.getPrototypeOf(o) : o)) };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'price', 'revenue', 'currency', 'email', 'a.b', 'a-b', '$a', '-a', '1', '2', '10', 'url', 'value', 'amount', '.', '$$', 'ü.x'),
  fc.string({ maxLength: 5 }),
);
const scalar = fc.oneof(
  fc.string({ maxLength: 6 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0),
);
const objectValue = fc.oneof(
  fc.constant({ url: 'https://example.com', value: 'Link' }),
  fc.constant({ amount: 1999, currency: 'EUR' }),
  fc.constant({ amount: 1.5, currency: 'EUR' }),
  fc.constant({ url: 'https://example.com', value: 'x', extra: 1 }),
  fc.constant({ amount: 1, currency: 'EUR', url: 'u', value: 'v' }),
  fc.constant({ url: 'u', amount: 1 }),
  fc.dictionary(key, scalar, { maxKeys: 3 }),
  fc.array(scalar, { maxLength: 2 }),
);
/** A record built with defineProperty, so `__proto__` can be an own key as JSON.parse makes it. */
const record = <T>(value: fc.Arbitrary<T>, maxKeys: number) =>
  fc.array(fc.tuple(key, value), { maxLength: maxKeys }).map((pairs) => {
    const out: Record<string, T> = {};
    for (const [k, v] of pairs) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
/** `YYYY-MM-DDTHH:MM:SS[.sss]Z` with any digits: valid dates, Feb 29 of leap and other years, month 13, 24:00, 60 s. */
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const canonical = fc.tuple(
  fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.constantFrom(1900, 2000, 2024, 2100, 99, 100)), fc.integer({ min: 0, max: 13 }),
  fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }),
  fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
).map(([y, mo, d, h, mi, s, ms]) =>
  `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${ms === undefined ? '' : `.${pad(ms, 3)}`}Z`);
const time = fc.oneof(
  canonical,
  fc.integer({ min: -1e13, max: 1e13 }), fc.double(),
  fc.constantFrom('2024-05-01T12:00:00Z', '2024-05-01', ' 1700000000 ', '1700000000.5', '-12', '1e9', '0x10', '', 'soon',
    '\u00a0123\u00a0', '１２３', '12:30', 'Tue, 01 May 2024 12:00:00 GMT', '1700000000999', '12.', '.5'),
  fc.string({ maxLength: 6 }),
);
const who = fc.oneof(fc.record({ id: fc.string() }), fc.record({ user_id: fc.string() }), fc.record({ email: fc.string() }));
const optional = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: undefined });

const trackPayload = fc.record({
  event_name: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('Order.Completed$', '$pageview', 'plain')),
  created_at: time,
  revenue: optional(fc.oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -1e9, max: 1e9 }).map((cents) => cents / 100),
    fc.integer({ min: -1e7, max: 1e7 }).map((mills) => mills / 1000), fc.constantFrom(1.005, 19.99, 0, -0, 4.445, -4.445, 1e-9, 9999.995),
  )),
  currency: optional(fc.constantFrom('EUR', 'USD')),
  metadata: optional(record(fc.oneof(scalar, objectValue), 14)),
}, { requiredKeys: ['event_name', 'created_at'] });

const attributes = optional(record(fc.oneof(scalar, objectValue), 5));
const contactPayload = fc.record({
  role: fc.constantFrom('user', 'lead'), external_id: optional(fc.string()), email: optional(fc.string()),
  phone: optional(fc.string()), name: optional(fc.string()), avatar: optional(fc.string()),
  signed_up_at: optional(time), last_seen_at: optional(time), owner_id: optional(fc.integer()),
  unsubscribed_from_emails: optional(fc.boolean()), custom_attributes: attributes,
}, { requiredKeys: ['role'] });
const companyPayload = fc.record({
  company_id: fc.string(), name: optional(fc.string()), remote_created_at: optional(time),
  monthly_spend: optional(fc.double({ noNaN: true })), plan: optional(fc.string()), size: optional(fc.double({ noNaN: true })),
  website: optional(fc.string()), industry: optional(fc.string()), custom_attributes: attributes,
}, { requiredKeys: ['company_id'] });

const RUNS = { numRuns: 3000 };

describe('body builders against their reference versions', () => {
  it('Track Event: the same body, metadata and warnings, or the same error', () => {
    fc.assert(fc.property(trackPayload, who, (payload, person) => {
      expect(outcome(() => eventBody(payload as never, person))).toStrictEqual(outcome(() => reference.eventBody(payload as never, person)));
      expect(outcome(() => metadataFor(payload as never))).toStrictEqual(outcome(() => reference.metadataFor(payload as never)));
    }), RUNS);
  });

  it('Identify Contact: the same body and warnings, or the same error', () => {
    fc.assert(fc.property(contactPayload, (payload) => {
      expect(outcome(() => contactBody(payload as never))).toStrictEqual(outcome(() => reference.contactBody(payload as never)));
    }), RUNS);
  });

  it('Identify Company: the same body and warnings, or the same error', () => {
    fc.assert(fc.property(companyPayload, (payload) => {
      expect(outcome(() => companyBody(payload as never))).toStrictEqual(outcome(() => reference.companyBody(payload as never)));
    }), RUNS);
  });

  it('event names and timestamps: the same answers', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.constantFrom('a.b', '$', 'x$y.z', '')), (name) => {
      expect(eventName(name)).toBe(reference.eventName(name));
    }), RUNS);
    fc.assert(fc.property(time, (value) => {
      expect(outcome(() => toUnixSeconds(value, 'f', 'a'))).toStrictEqual(outcome(() => reference.toUnixSeconds(value, 'f', 'a')));
    }), RUNS);
  });

  it('reads canonical ISO-8601 text as Date.parse does, invalid dates refused alike', () => {
    fc.assert(fc.property(canonical, (text) => {
      expect(outcome(() => toUnixSeconds(text, 'f', 'a'))).toStrictEqual(outcome(() => reference.toUnixSeconds(text, 'f', 'a')));
    }), { numRuns: 20_000 });
    expect(toUnixSeconds('2024-02-29T23:59:59.999Z', 'f', 'a')).toBe(1_709_251_199);
    expect(toUnixSeconds('0100-03-01T00:00:00Z', 'f', 'a')).toBe(Date.parse('0100-03-01T00:00:00Z') / 1000);
    expect(() => toUnixSeconds('2024-13-01T00:00:00Z', 'f', 'a')).toThrow("field 'f' is not a date");
  });

  it('keeps a metadata key named __proto__ as a key, and a renamed key equal to another counts twice', () => {
    const metadata: Record<string, unknown> = JSON.parse('{"__proto__": 1, "a.b": 2, "a-b": 3, "k3": 3, "k4": 4, "k5": 5, "k6": 6, "k7": 7, "k8": 8, "k9": 9, "k10": 10}');
    const built = metadataFor({ event_name: 'x', created_at: 1, metadata } as never);
    expect(Object.getPrototypeOf(built.metadata)).toBe(Object.prototype);
    expect(Object.keys(built.metadata)).toEqual(['__proto__', 'a-b', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9']);
    expect(built.metadata['a-b']).toBe(3);
    expect(built.warnings).toEqual([
      "metadata keys renamed (Intercom allows no '.' or '$' in them): 'a.b' as 'a-b'",
      'metadata left out (Intercom keeps at most 10 keys): k10',
    ]);
  });
});
