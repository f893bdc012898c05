// How the Deliveries pages write times, durations and a delivery's reason in words.
import type { Delivery } from './delivery-types.js';

const TIME = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

export const formatTime = (iso: string) => TIME.format(new Date(iso));

export const formatDuration = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

/** Why a delivery is where it is, in words: its last error, its warnings, or what it waits for. */
export function reasonOf(delivery: Delivery): string {
  if (delivery.lastError) return delivery.lastError.message;
  if (delivery.warnings.length > 0) return delivery.warnings.join('; ');
  switch (delivery.state) {
    case 'filtered':
      return 'No enabled mapping matched the event.';
    case 'pending':
      return 'Waiting for its first attempt.';
    case 'leased':
      return 'Being sent now.';
    case 'retrying':
      return delivery.nextAttemptAt ? `Tried again at ${formatTime(delivery.nextAttemptAt)}.` : 'Waiting to be tried again.';
    default:
      return '';
  }
}
