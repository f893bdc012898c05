// The delivery list's filters: read from and written to the URL's query string, turned into the API's query and the
// bulk replay's body, and described in words. Pure functions, no React.
import type { DeliveryState } from './delivery-types.js';

export const RANGE_PRESETS = {
  '1h': { label: 'Last hour', ms: 3_600_000 },
  '24h': { label: 'Last 24 hours', ms: 24 * 3_600_000 },
  '7d': { label: 'Last 7 days', ms: 7 * 24 * 3_600_000 },
} as const;
export type RangePreset = keyof typeof RANGE_PRESETS;

export interface DeliveryFilters {
  /** As the URL has them: an unknown one is sent on, so the API's 400 names it. */
  states: string[];
  action?: string;
  mapping?: string;
  person?: string;
  /** A preset range ends now, whenever the list is fetched; it wins over from/to. */
  range?: RangePreset;
  from?: string;
  to?: string;
}

export const STATE_OPTIONS: Array<{ state: DeliveryState; label: string }> = [
  { state: 'delivered', label: 'Delivered' },
  { state: 'delivered-with-warnings', label: 'Delivered with warnings' },
  { state: 'retrying', label: 'Retrying' },
  { state: 'rejected', label: 'Rejected' },
  { state: 'filtered', label: 'Filtered' },
  { state: 'pending', label: 'Queued' },
  { state: 'leased', label: 'Being sent' },
];

/** The filter fields an API error's `path` can name (`state.0` names the state filter). */
export type FilterField = 'state' | 'action' | 'mapping' | 'person' | 'from' | 'to';
const FIELDS: FilterField[] = ['state', 'action', 'mapping', 'person', 'from', 'to'];

export function fieldOfError(path: string | undefined): FilterField | undefined {
  const head = path?.split('.')[0];
  return FIELDS.find((field) => field === head);
}

const isRange = (value: string | null): value is RangePreset => value !== null && value in RANGE_PRESETS;
const nonEmpty = (value: string | null) => (value === null || value === '' ? undefined : value);

export function parseFilters(search: string): DeliveryFilters {
  const params = new URLSearchParams(search);
  const range = params.get('range');
  const filters: DeliveryFilters = { states: params.getAll('state').filter((s) => s !== '') };
  const set = (key: 'action' | 'mapping' | 'person' | 'from' | 'to') => {
    const value = nonEmpty(params.get(key));
    if (value !== undefined) filters[key] = value;
  };
  set('action');
  set('mapping');
  set('person');
  if (isRange(range)) filters.range = range;
  else {
    set('from');
    set('to');
  }
  return filters;
}

const pair = (key: string, value: string) => `${key}=${encodeURIComponent(value)}`;

/** The URL's query string (no "?"), in a fixed order so equal filters give equal addresses. */
export function filtersToSearch(filters: DeliveryFilters): string {
  const parts = filters.states.map((state) => pair('state', state));
  for (const key of ['action', 'mapping', 'person'] as const) {
    const value = filters[key];
    if (value !== undefined) parts.push(pair(key, value));
  }
  if (filters.range) parts.push(pair('range', filters.range));
  else {
    if (filters.from) parts.push(pair('from', filters.from));
    if (filters.to) parts.push(pair('to', filters.to));
  }
  return parts.join('&');
}

/** The time range as the API takes it: a preset becomes `from` counted back from `now`. */
export function resolveRange(filters: DeliveryFilters, now: number): { from?: string; to?: string } {
  if (filters.range) return { from: new Date(now - RANGE_PRESETS[filters.range].ms).toISOString() };
  return { ...(filters.from ? { from: filters.from } : {}), ...(filters.to ? { to: filters.to } : {}) };
}

/** GET /api/destinations/{id}/deliveries's query string (no "?"). */
export function listQuery(filters: DeliveryFilters, now: number, extra: { cursor?: string; limit?: number } = {}): string {
  const parts = filters.states.map((state) => pair('state', state));
  for (const key of ['action', 'mapping', 'person'] as const) {
    const value = filters[key];
    if (value !== undefined) parts.push(pair(key, value));
  }
  const { from, to } = resolveRange(filters, now);
  if (from) parts.push(pair('from', from));
  if (to) parts.push(pair('to', to));
  if (extra.limit !== undefined) parts.push(pair('limit', String(extra.limit)));
  if (extra.cursor) parts.push(pair('cursor', extra.cursor));
  return parts.join('&');
}

/** The bulk replay's body: the same filter without the states (a replay takes the rejected ones only). */
export function replayBody(filters: DeliveryFilters, now: number): Record<string, string> {
  const body: Record<string, string> = {};
  if (filters.action !== undefined) body.action = filters.action;
  if (filters.mapping !== undefined) body.mapping = filters.mapping;
  if (filters.person !== undefined) body.person = filters.person;
  return { ...body, ...resolveRange(filters, now) };
}

/** "action trackEvent, person ann, last 24 hours" — or "no filter". States are left out: a replay ignores them. */
export function describeReplayFilter(filters: DeliveryFilters): string {
  const parts: string[] = [];
  if (filters.action !== undefined) parts.push(`action ${filters.action}`);
  if (filters.mapping !== undefined) parts.push(`mapping “${filters.mapping}”`);
  if (filters.person !== undefined) parts.push(`person ${filters.person}`);
  if (filters.range) parts.push(RANGE_PRESETS[filters.range].label.toLowerCase());
  if (filters.from) parts.push(`queued from ${filters.from}`);
  if (filters.to) parts.push(`queued before ${filters.to}`);
  return parts.length === 0 ? 'no filter' : parts.join(', ');
}

export const hasFilters = (filters: DeliveryFilters) => filtersToSearch(filters) !== '';

/** An ISO time as a `datetime-local` input shows it (local time, minutes), and back. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): string | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
