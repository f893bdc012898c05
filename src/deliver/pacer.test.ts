// The rate pacer: sends while the window has budget, waits for the reset when it has none, learns from headers.
import { describe, expect, it } from 'vitest';
import { RatePacer, readRateLimitHeaders } from './pacer.js';

describe('RatePacer', () => {
  it('lets requests through until it knows the limit, then keeps to the remaining budget', () => {
    const pacer = new RatePacer();
    const now = 1_000_000;
    expect(pacer.reserve(now)).toBe(0);
    pacer.observe({ limit: 3, remaining: 2, reset: 1_010 });
    expect(pacer.reserve(now)).toBe(0);
    expect(pacer.reserve(now)).toBe(0);
    // Budget spent: wait until the window ends (1,010 s), plus a margin.
    expect(pacer.reserve(now)).toBe(1_010_000 + 50 - now);
  });

  it('counts requests still in flight against what the server reports', () => {
    const pacer = new RatePacer();
    for (let i = 0; i < 3; i++) expect(pacer.reserve(0)).toBe(0);
    // The server counted one request; two more are on their way and will use its budget.
    pacer.observe({ limit: 5, remaining: 4, reset: 10 });
    expect(pacer.reserve(0)).toBe(0);
    expect(pacer.reserve(0)).toBe(0);
    expect(pacer.reserve(0)).toBeGreaterThan(0);
  });

  it('starts a new window with the full limit after the reset', () => {
    const pacer = new RatePacer();
    pacer.reserve(0);
    pacer.observe({ limit: 2, remaining: 0, reset: 10 });
    expect(pacer.reserve(5_000)).toBe(5_050);
    expect(pacer.reserve(10_050)).toBe(0);
    expect(pacer.reserve(10_050)).toBe(0);
    expect(pacer.reserve(10_050)).toBe(100);
  });

  it('ignores answers from an older window', () => {
    const pacer = new RatePacer();
    pacer.reserve(0);
    pacer.observe({ limit: 5, remaining: 4, reset: 20 });
    pacer.reserve(0);
    pacer.observe({ limit: 5, remaining: 0, reset: 10 });
    expect(pacer.reserve(0)).toBe(0);
  });

  it('reads the headers, ignoring absent or non-numeric ones', () => {
    expect(readRateLimitHeaders({ 'x-ratelimit-limit': '167', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000010' }))
      .toEqual({ limit: 167, remaining: 0, reset: 1_700_000_010 });
    expect(readRateLimitHeaders({ 'x-ratelimit-limit': 'many' })).toEqual({ limit: undefined, remaining: undefined, reset: undefined });
  });
});
