// Track Event payload -> the body of Intercom's POST /events (R11, R13, R14) (pure).
import type { Static, TObject } from '@sinclair/typebox';
import { toUnixSeconds } from '../../kit/time.js';
import type { trackEventFields } from './fields.js';

export type TrackEventPayload = Static<TObject<typeof trackEventFields>>;
export type Who = { id: string } | { user_id: string } | { email: string };
type MetadataValue = string | number | boolean | null | { url: string; value: string } | { amount: number; currency: string };

// Intercom keeps only the first 10 metadata keys of an event.
export const MAX_METADATA_KEYS = 10;
// Keys that describe the purchase or the person, not the event: they go elsewhere in the body (R13).
const NOT_METADATA = new Set(['revenue', 'currency', 'email']);

/** R11: Intercom event names (and metadata keys) may not contain periods or dollar signs. */
export const eventName = (name: string) => name.replace(/[.$]/g, '-');

/** R13: revenue in integer cents; toPrecision first so 1.005 is 101 cents, not the 100 binary floats give. */
export const toCents = (revenue: number) => Math.round(Number((revenue * 100).toPrecision(12)));

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isRichLink = (v: Record<string, unknown>) =>
  Object.keys(v).length === 2 && typeof v.url === 'string' && typeof v.value === 'string';
const isMoney = (v: Record<string, unknown>) =>
  Object.keys(v).length === 2 && Number.isInteger(v.amount) && typeof v.currency === 'string';

/** R13, R14: price first, then the properties Intercom can hold, at most 10; warnings name what was left out. */
export function metadataFor(payload: TrackEventPayload): { metadata: Record<string, MetadataValue>; warnings: string[] } {
  const entries: [string, MetadataValue][] = [];
  const nested: string[] = [];
  const renamed: string[] = [];
  if (payload.revenue !== undefined) {
    entries.push(['price', { amount: toCents(payload.revenue), currency: payload.currency ?? 'USD' }]);
  }
  for (const [key, value] of Object.entries(payload.metadata ?? {})) {
    if (NOT_METADATA.has(key) || value === undefined || (key === 'price' && payload.revenue !== undefined)) continue;
    const scalar = value === null || typeof value === 'string' || typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value));
    if (!scalar && !(isPlainObject(value) && (isRichLink(value) || isMoney(value)))) {
      nested.push(key);
      continue;
    }
    // Intercom refuses the whole event for a key with '.' or '$'; the key is renamed like an event name instead.
    const safeKey = eventName(key);
    if (safeKey !== key) renamed.push(`'${key}' as '${safeKey}'`);
    entries.push([safeKey, value as MetadataValue]);
  }
  const warnings: string[] = [];
  if (nested.length > 0) {
    warnings.push(`metadata left out (Intercom takes no nested objects or lists other than money and links): ${nested.join(', ')}`);
  }
  if (renamed.length > 0) {
    warnings.push(`metadata keys renamed (Intercom allows no '.' or '$' in them): ${renamed.join(', ')}`);
  }
  if (entries.length > MAX_METADATA_KEYS) {
    const cut = entries.slice(MAX_METADATA_KEYS).map(([key]) => key);
    warnings.push(`metadata left out (Intercom keeps at most ${MAX_METADATA_KEYS} keys): ${cut.join(', ')}`);
  }
  return { metadata: Object.fromEntries(entries.slice(0, MAX_METADATA_KEYS)), warnings };
}

export function eventBody(payload: TrackEventPayload, who: Who) {
  const { metadata, warnings } = metadataFor(payload);
  const body = {
    event_name: eventName(payload.event_name),
    created_at: toUnixSeconds(payload.created_at, 'created_at', 'trackEvent'),
    ...who,
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
  return { body, warnings };
}
