// R18's retry schedule: full-jitter exponential backoff, capped, Intercom's hint honoured, give-up at max age or window.
import { describe, expect, it } from 'vitest';
import { decideRetry } from './retry-policy.js';

const t0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('decideRetry', () => {
  it('doubles the ceiling per attempt, capped, with the delay drawn below it', () => {
    const settings = { baseDelayMs: 1000, maxDelayMs: 8000, maxAgeSeconds: 3600 };
    const delays = [1, 2, 3, 4, 5, 6].map((attempts) => {
      const decision = decideRetry({ attempts, now: t0, queuedAt: t0, settings, giveUpAt: null, random: () => 0.999999 });
      return decision.kind === 'retry' ? decision.at.getTime() - t0.getTime() : -1;
    });
    expect(delays).toEqual([999, 1999, 3999, 7999, 7999, 7999]);
    const zero = decideRetry({ attempts: 3, now: t0, queuedAt: t0, settings, giveUpAt: null, random: () => 0 });
    expect(zero).toEqual({ kind: 'retry', at: t0, giveUpAt: null });
  });

  it('waits at least as long as Intercom asks', () => {
    const decision = decideRetry({ attempts: 1, now: t0, queuedAt: t0, hintDelayMs: 30_000, giveUpAt: null, random: () => 0.5 });
    expect(decision).toEqual({ kind: 'retry', at: at(30_000), giveUpAt: null });
  });

  it('gives up once the next try would fall after the max age', () => {
    const settings = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAgeSeconds: 10 };
    expect(decideRetry({ attempts: 1, now: at(9_000), queuedAt: t0, settings, giveUpAt: null, random: () => 0.5 }).kind).toBe('retry');
    expect(decideRetry({ attempts: 5, now: at(9_000), queuedAt: t0, settings, giveUpAt: null, random: () => 0.5 }))
      .toEqual({ kind: 'give-up' });
  });

  it('by default retries for up to 4 hours, backing off to at most 5 minutes between tries', () => {
    const late = (ms: number) => decideRetry({ attempts: 30, now: at(ms), queuedAt: t0, giveUpAt: null, random: () => 0.999999 });
    expect(late(4 * 3600_000 - 300_000)).toEqual({ kind: 'retry', at: at(4 * 3600_000 - 1), giveUpAt: null });
    expect(late(4 * 3600_000 - 299_000)).toEqual({ kind: 'give-up' });
  });

  it('starts a short window at the first failure of its kind and keeps it on later attempts (R15)', () => {
    const first = decideRetry({ attempts: 1, now: t0, queuedAt: t0, windowMs: 5_000, giveUpAt: null, random: () => 0 });
    expect(first).toEqual({ kind: 'retry', at: t0, giveUpAt: at(5_000) });
    const later = decideRetry({ attempts: 4, now: at(4_000), queuedAt: t0, windowMs: 5_000, giveUpAt: at(5_000), random: () => 0.9 });
    expect(later).toEqual({ kind: 'give-up' });
  });
});
