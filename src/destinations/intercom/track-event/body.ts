// Track Event payload -> the body of Intercom's POST /events (R11, R13, R14) (pure).
import type { Static, TObject } from '@sinclair/typebox';
import { setOwn } from '../../kit/objects.js';
import { toUnixSeconds } from '../../kit/time.js';
import type { trackEventFields } from './fields.js';

export type TrackEventPayload = Static<TObject<typeof trackEventFields>>;
export type Who = { id: string } | { user_id: string } | { email: string };
type MetadataValue = string | number | boolean | null | { url: string; value: string } | { amount: number; currency: string };

// Intercom keeps only the first 10 metadata keys of an event.
export const MAX_METADATA_KEYS = 10;

const DOT = 46;
const DOLLAR = 36;

/** R11: Intercom event names (and metadata keys) may not contain periods or dollar signs. */
export function eventName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === DOT || c === DOLLAR) return name.replace(/[.$]/g, '-');
  }
  return name;
}

/** R13: revenue in integer cents; toPrecision first so 1.005 is 101 cents, not the 100 binary floats give. */
export function toCents(revenue: number): number {
  const cents = revenue * 100;
  // Within a millionth of a whole number below a million, 12 significant digits round to that number: no string.
  const whole = Math.round(cents);
  if (whole !== 0 && Math.abs(cents) < 1e6 && Math.abs(cents - whole) < 1e-6) return whole;
  return Math.round(Number(cents.toPrecision(12)));
}

/** An object of exactly two own keys, as a rich link ({url, value}) or money ({amount, currency}) has. */
function hasTwoKeys(v: object): boolean {
  let n = 0;
  for (const key in v) if (Object.hasOwn(v, key) && ++n > 2) return false;
  return n === 2;
}

/** A value Intercom takes as metadata: a scalar, a rich link or money (R14). */
function isMetadataValue(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (Array.isArray(value)) return false;
      const v = value as Record<string, unknown>;
      const link = typeof v.url === 'string' && typeof v.value === 'string';
      const money = Number.isInteger(v.amount) && typeof v.currency === 'string';
      return (link || money) && hasTwoKeys(v);
    }
    default:
      return false;
  }
}

/** Keys that describe the purchase or the person, not the event: they go elsewhere in the body (R13). */
const isNotMetadata = (key: string) => key === 'revenue' || key === 'currency' || key === 'email';

/** R13, R14: price first, then the properties Intercom can hold, at most 10; warnings name what was left out. */
export function metadataFor(payload: TrackEventPayload): { metadata: Record<string, MetadataValue>; warnings: string[] } {
  const metadata: Record<string, MetadataValue> = {};
  const hasRevenue = payload.revenue !== undefined;
  // Entries taken so far, counted as sent: a renamed key equal to another still counts (the later value wins).
  let taken = 0;
  let nested: string[] | undefined;
  let renamed: string[] | undefined;
  let cut: string[] | undefined;
  if (hasRevenue) {
    metadata.price = { amount: toCents(payload.revenue!), currency: payload.currency ?? 'USD' };
    taken = 1;
  }
  const source = payload.metadata;
  if (source !== undefined) {
    for (const key of Object.keys(source)) {
      const value = source[key];
      if (value === undefined || isNotMetadata(key) || (hasRevenue && key === 'price')) continue;
      if (!isMetadataValue(value)) {
        (nested ??= []).push(key);
        continue;
      }
      // Intercom refuses the whole event for a key with '.' or '$'; the key is renamed like an event name instead.
      const safeKey = eventName(key);
      if (safeKey !== key) (renamed ??= []).push(`'${key}' as '${safeKey}'`);
      if (taken >= MAX_METADATA_KEYS) (cut ??= []).push(safeKey);
      else if (safeKey === '__proto__') setOwn(metadata, safeKey, value);
      else metadata[safeKey] = value as MetadataValue;
      taken += 1;
    }
  }
  const warnings: string[] = [];
  if (nested) {
    warnings.push(`metadata left out (Intercom takes no nested objects or lists other than money and links): ${nested.join(', ')}`);
  }
  if (renamed) warnings.push(`metadata keys renamed (Intercom allows no '.' or '$' in them): ${renamed.join(', ')}`);
  if (cut) warnings.push(`metadata left out (Intercom keeps at most ${MAX_METADATA_KEYS} keys): ${cut.join(', ')}`);
  return { metadata, warnings };
}

/** Whether an object has an own enumerable key (without listing them all). */
function isEmpty(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return false;
  return true;
}

export function eventBody(payload: TrackEventPayload, who: Who) {
  const { metadata, warnings } = metadataFor(payload);
  const body: Record<string, unknown> = {
    event_name: eventName(payload.event_name),
    created_at: toUnixSeconds(payload.created_at, 'created_at', 'trackEvent'),
  };
  Object.assign(body, who);
  if (!isEmpty(metadata)) body.metadata = metadata;
  return { body: body as { event_name: string; created_at: number; metadata?: Record<string, MetadataValue> } & Who, warnings };
}
