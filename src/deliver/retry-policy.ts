// R18's retry schedule: exponential backoff with full jitter, capped, honouring the destination's delay hint, until max age.
import type { RetrySettings } from '../config/model.js';

export const DEFAULT_RETRY: Required<RetrySettings> = {
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  maxAgeSeconds: 4 * 3600,
};

export interface RetryInput {
  /** Attempts made so far, including the one that just failed (>= 1). */
  attempts: number;
  now: Date;
  /** When the job was queued (the event's arrival, or its replay): the max age counts from here. */
  queuedAt: Date;
  settings?: RetrySettings;
  /** The destination's own hint (Intercom: Retry-After, X-RateLimit-Reset). */
  hintDelayMs?: number;
  /** A shorter give-up window for this failure (R15), started at the first such failure. */
  windowMs?: number;
  /** The give-up time an earlier attempt set, if any. */
  giveUpAt: Date | null;
  random?: () => number;
}

export type RetryDecision = { kind: 'retry'; at: Date; giveUpAt: Date | null } | { kind: 'give-up' };

export function decideRetry(input: RetryInput): RetryDecision {
  const settings = { ...DEFAULT_RETRY, ...input.settings };
  const random = input.random ?? Math.random;
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.min(input.attempts - 1, 30));
  // Full jitter spreads retries of many jobs over the whole interval instead of synchronizing them.
  const delay = Math.max(Math.floor(random() * ceiling), input.hintDelayMs ?? 0);
  const giveUpAt =
    input.giveUpAt ?? (input.windowMs === undefined ? null : new Date(input.now.getTime() + input.windowMs));
  const maxAgeAt = input.queuedAt.getTime() + settings.maxAgeSeconds * 1000;
  const deadline = Math.min(maxAgeAt, giveUpAt?.getTime() ?? Infinity);
  const at = input.now.getTime() + delay;
  if (at > deadline) return { kind: 'give-up' };
  return { kind: 'retry', at: new Date(at), giveUpAt };
}
