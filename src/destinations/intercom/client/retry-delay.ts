// The wait an answer asks for: Retry-After (seconds or HTTP date), else X-RateLimit-Reset on a 429.
import { headerValue } from './headers.js';

const SECONDS = /^\d+(\.\d+)?$/;

/** Milliseconds from `nowMs` a Retry-After value asks for; undefined when it is neither seconds nor a date. */
export function retryAfterMs(value: string, nowMs: number): number | undefined {
  const text = value.trim();
  if (SECONDS.test(text)) return Math.round(Number(text) * 1000);
  // Date.parse reads bare numbers such as "-5" as years; an HTTP date always names its day and month.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Milliseconds until an X-RateLimit-Reset (unix seconds), never negative; undefined when unreadable. */
export function rateLimitResetMs(value: string, nowMs: number): number | undefined {
  const text = value.trim();
  if (!SECONDS.test(text)) return undefined;
  return Math.max(0, Math.round(Number(text) * 1000 - nowMs));
}

export function retryDelayMs(status: number, headers: Record<string, string>, nowMs: number): number | undefined {
  const retryAfter = headerValue(headers, 'retry-after');
  const fromRetryAfter = retryAfter === undefined ? undefined : retryAfterMs(retryAfter, nowMs);
  if (fromRetryAfter !== undefined) return fromRetryAfter;
  if (status !== 429) return undefined;
  const reset = headerValue(headers, 'x-ratelimit-reset');
  return reset === undefined ? undefined : rateLimitResetMs(reset, nowMs);
}
