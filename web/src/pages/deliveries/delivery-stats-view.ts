// The overview's numbers: the stats query for the chosen bucket and range, the pipeline steps, the chart's series.
import { resolveRange, type DeliveryFilters } from './delivery-filters.js';
import type { StatCounts, StatKey } from './delivery-types.js';

export type Bucket = 'minute' | 'hour';

/** The longest span one stats answer covers per bucket (the API refuses more). */
const MAX_SPAN_MS: Record<Bucket, number> = { minute: 24 * 3_600_000, hour: 31 * 24 * 3_600_000 };

/**
 * GET /api/destinations/{id}/stats's query string: the list's `from` when it has one and the bucket can cover it
 * (else the last span the bucket allows), the API's default range otherwise.
 */
export function statsQuery(filters: DeliveryFilters, bucket: Bucket, now: number): string {
  const { from } = resolveRange(filters, now);
  const time = from === undefined ? Number.NaN : new Date(from).getTime();
  if (Number.isNaN(time) || time > now) return `bucket=${bucket}`;
  const earliest = now - MAX_SPAN_MS[bucket] + 60_000;
  return `bucket=${bucket}&from=${encodeURIComponent(new Date(Math.max(time, earliest)).toISOString())}`;
}

/** The chart's series, in the order they stack, each with its colour (AA contrast on white). */
export const SERIES: Array<{ key: StatKey; label: string; color: string }> = [
  { key: 'delivered', label: 'Delivered', color: '#116329' },
  { key: 'delivered-with-warnings', label: 'Delivered with warnings', color: '#9a6700' },
  { key: 'retrying', label: 'Retrying', color: '#bc4c00' },
  { key: 'rejected', label: 'Rejected', color: '#a40e26' },
  { key: 'filtered', label: 'Filtered', color: '#57606a' },
  { key: 'queued', label: 'Queued', color: '#0b57d0' },
];

export interface Step {
  key: string;
  label: string;
  hint: string;
  count: number;
  /** The list's state filter this step sets (empty: every state). */
  states: string[];
}

/** Segment's pipeline of steps, from ferry's counts: what arrived, what no mapping took, retried, failed, delivered. */
export function stepsOf(totals: StatCounts): Step[] {
  const received = Object.values(totals).reduce((sum, n) => sum + n, 0);
  return [
    { key: 'received', label: 'Received', hint: 'every delivery queued in the range', count: received, states: [] },
    { key: 'filtered', label: 'Filtered at destination', hint: 'no mapping matched the event', count: totals.filtered, states: ['filtered'] },
    { key: 'retried', label: 'Retrying', hint: 'waiting after a failed attempt', count: totals.retrying, states: ['retrying'] },
    { key: 'failed', label: 'Failed delivery', hint: 'rejected: replay them once fixed', count: totals.rejected, states: ['rejected'] },
    {
      key: 'delivered',
      label: 'Successful delivery',
      hint: `${totals['delivered-with-warnings']} of them with warnings`,
      count: totals.delivered + totals['delivered-with-warnings'],
      states: ['delivered', 'delivered-with-warnings'],
    },
  ];
}

/** One line for screen readers and a glance: "12 delivered, 1 rejected" (zero counts left out). */
export function summaryOf(totals: StatCounts): string {
  const parts = SERIES.filter((s) => totals[s.key] > 0).map((s) => `${totals[s.key]} ${s.label.toLowerCase()}`);
  return parts.length === 0 ? 'no deliveries' : parts.join(', ');
}

export const sameStates = (a: string[], b: string[]) => a.length === b.length && a.every((s) => b.includes(s));
