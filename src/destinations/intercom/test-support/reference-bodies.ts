// The body builders as first written (entries, spreads, a regex per key): the spec the faster ones are checked against.
import type { IdentifyCompanyPayload } from '../identify-company/body.js';
import type { IdentifyContactPayload } from '../identify-contact/body.js';
import type { TrackEventPayload, Who } from '../track-event/body.js';
import { FerryError } from '../../../errors.js';

export function toUnixSeconds(value: string | number, fieldName: string, actionKey: string): number {
  let seconds: number;
  if (typeof value === 'number') seconds = value > 1e11 ? value / 1000 : value;
  else if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return toUnixSeconds(Number(value), fieldName, actionKey);
  else seconds = Date.parse(value) / 1000;
  if (!Number.isFinite(seconds)) {
    throw new FerryError('FERRY_ERR_PAYLOAD_INVALID', `${actionKey}: field '${fieldName}' is not a date Intercom can take: ${JSON.stringify(value)}`, { field: fieldName });
  }
  return Math.floor(seconds);
}

const withoutUndefined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export const eventName = (name: string) => name.replace(/[.$]/g, '-');
const toCents = (revenue: number) => Math.round(Number((revenue * 100).toPrecision(12)));
const NOT_METADATA = new Set(['revenue', 'currency', 'email']);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRichLink = (v: Record<string, unknown>) => Object.keys(v).length === 2 && typeof v.url === 'string' && typeof v.value === 'string';
const isMoney = (v: Record<string, unknown>) => Object.keys(v).length === 2 && Number.isInteger(v.amount) && typeof v.currency === 'string';
const isScalar = (value: unknown) => value === null || typeof value === 'string' || typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

export function metadataFor(payload: TrackEventPayload) {
  const entries: [string, unknown][] = [];
  const nested: string[] = [];
  const renamed: string[] = [];
  if (payload.revenue !== undefined) entries.push(['price', { amount: toCents(payload.revenue), currency: payload.currency ?? 'USD' }]);
  for (const [key, value] of Object.entries(payload.metadata ?? {})) {
    if (NOT_METADATA.has(key) || value === undefined || (key === 'price' && payload.revenue !== undefined)) continue;
    if (!isScalar(value) && !(isPlainObject(value) && (isRichLink(value) || isMoney(value)))) {
      nested.push(key);
      continue;
    }
    const safeKey = eventName(key);
    if (safeKey !== key) renamed.push(`'${key}' as '${safeKey}'`);
    entries.push([safeKey, value]);
  }
  const warnings: string[] = [];
  if (nested.length > 0) warnings.push(`metadata left out (Intercom takes no nested objects or lists other than money and links): ${nested.join(', ')}`);
  if (renamed.length > 0) warnings.push(`metadata keys renamed (Intercom allows no '.' or '$' in them): ${renamed.join(', ')}`);
  if (entries.length > 10) warnings.push(`metadata left out (Intercom keeps at most 10 keys): ${entries.slice(10).map(([key]) => key).join(', ')}`);
  return { metadata: Object.fromEntries(entries.slice(0, 10)), warnings };
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

export function attributesForBody(attributes: Record<string, unknown> | undefined) {
  if (!attributes) return {};
  const kept = Object.fromEntries(Object.entries(attributes).filter(([, v]) => isScalar(v)));
  const dropped = Object.entries(attributes).filter(([, v]) => !isScalar(v)).map(([name]) => name);
  return {
    ...(Object.keys(kept).length > 0 ? { attributes: kept } : {}),
    ...(dropped.length > 0 ? { warning: `custom attributes left out (Intercom takes only text, numbers and booleans): ${dropped.join(', ')}` } : {}),
  };
}

export function contactBody(payload: IdentifyContactPayload) {
  const warnings: string[] = [];
  const seconds = (value: string | number | undefined, name: string) =>
    value === undefined ? undefined : toUnixSeconds(value, name, 'identifyContact');
  const body: Record<string, unknown> = {
    role: payload.role,
    external_id: payload.role === 'user' ? payload.external_id : undefined,
    email: payload.email, phone: payload.phone, name: payload.name, avatar: payload.avatar,
    signed_up_at: seconds(payload.signed_up_at, 'signed_up_at'),
    last_seen_at: seconds(payload.last_seen_at, 'last_seen_at'),
    owner_id: payload.owner_id, unsubscribed_from_emails: payload.unsubscribed_from_emails,
  };
  if (payload.role === 'lead' && payload.external_id !== undefined) warnings.push('external_id left out: Intercom does not allow an external_id on a lead');
  const { attributes, warning } = attributesForBody(payload.custom_attributes);
  if (attributes) body.custom_attributes = attributes;
  if (warning) warnings.push(warning);
  return { body: withoutUndefined(body), warnings };
}

export function companyBody(payload: IdentifyCompanyPayload) {
  const warnings: string[] = [];
  const body: Record<string, unknown> = {
    company_id: payload.company_id, name: payload.name,
    remote_created_at: payload.remote_created_at === undefined ? undefined : toUnixSeconds(payload.remote_created_at, 'remote_created_at', 'identifyCompany'),
    monthly_spend: payload.monthly_spend === undefined ? undefined : Math.trunc(payload.monthly_spend),
    plan: payload.plan, size: payload.size === undefined ? undefined : Math.trunc(payload.size),
    website: payload.website, industry: payload.industry,
  };
  const { attributes, warning } = attributesForBody(payload.custom_attributes);
  if (attributes) body.custom_attributes = attributes;
  if (warning) warnings.push(warning);
  return { body: withoutUndefined(body), warnings };
}
