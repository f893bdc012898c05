// A delivery's state in words, as a badge whose colour matches its outcome.
import type { DeliveryState } from './delivery-types.js';

const STATES: Record<DeliveryState, [string, string]> = {
  delivered: ['Delivered', 'badge-on'],
  'delivered-with-warnings': ['Delivered with warnings', 'badge-warn'],
  retrying: ['Retrying', 'badge-warn'],
  rejected: ['Rejected', 'badge-bad'],
  filtered: ['Filtered', 'badge-off'],
  pending: ['Queued', 'badge-off'],
  leased: ['Being sent', 'badge-off'],
};

export const stateLabel = (state: string) => STATES[state as DeliveryState]?.[0] ?? state;

export function StateBadge({ state }: { state: string }) {
  const [label, badge] = STATES[state as DeliveryState] ?? [state, 'badge-off'];
  return <span className={`badge ${badge}`}>{label}</span>;
}
