// Rate limits: the fixed-window RateLimiter itself, and the X-RateLimit-* headers and 429s the simulator answers.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.js';
import { expectedError, useSimulator, type ApiResponse } from './test-support/harness.js';

const RATE_LIMITED = expectedError('rate_limit_exceeded', 'You have exceeded the rate limit. Please try again later.');

function rateHeaders(res: ApiResponse) {
  return {
    limit: res.headers.get('x-ratelimit-limit'),
    remaining: res.headers.get('x-ratelimit-remaining'),
    reset: res.headers.get('x-ratelimit-reset'),
  };
}

/** Waits for the start of the next window of this length (plus a little), so a burst stays inside one window. */
async function nextWindow(windowSeconds: number): Promise<number> {
  const windowMs = windowSeconds * 1000;
  const start = (Math.floor(Date.now() / windowMs) + 1) * windowMs;
  await sleep(start - Date.now() + 20);
  return start / 1000;
}

describe('RateLimiter', () => {
  // 1,700,000,003.5 s: 3.5 s into a 10-second window that ends at 1,700,000,010.
  const T = 1_700_000_003_500;

  it('aligns windows to the clock and reports their end in unix seconds', () => {
    const limiter = new RateLimiter({ limit: 3, windowSeconds: 10 });
    expect(limiter.take(T)).toEqual({ allowed: true, limit: 3, remaining: 2, reset: 1_700_000_010 });
    expect(limiter.take(1_700_000_009_999).reset).toBe(1_700_000_010);
    const oneSecond = new RateLimiter({ limit: 3, windowSeconds: 1 });
    expect(oneSecond.take(T).reset).toBe(1_700_000_004);
  });

  it('counts remaining down to 0, then refuses within the window', () => {
    const limiter = new RateLimiter({ limit: 3, windowSeconds: 10 });
    expect([T, T + 1, T + 2].map((t) => limiter.take(t).remaining)).toEqual([2, 1, 0]);
    expect(limiter.take(T + 3)).toEqual({ allowed: false, limit: 3, remaining: 0, reset: 1_700_000_010 });
    expect(limiter.take(1_700_000_009_999).allowed).toBe(false);
  });

  it('restores the whole budget when the next window starts', () => {
    const limiter = new RateLimiter({ limit: 2, windowSeconds: 10 });
    limiter.take(T);
    limiter.take(T);
    expect(limiter.take(T).allowed).toBe(false);
    expect(limiter.take(1_700_000_010_000)).toEqual({ allowed: true, limit: 2, remaining: 1, reset: 1_700_000_020 });
  });

  it('takes new settings with a fresh budget', () => {
    const limiter = new RateLimiter({ limit: 1, windowSeconds: 10 });
    limiter.take(T);
    expect(limiter.take(T).allowed).toBe(false);
    limiter.configure({ limit: 5, windowSeconds: 1 });
    expect(limiter.take(T)).toEqual({ allowed: true, limit: 5, remaining: 4, reset: 1_700_000_004 });
  });
});

describe('X-RateLimit headers (default limit)', () => {
  const sim = useSimulator();

  it('are on every authenticated answer: 167 per 10-second window, counting down', async () => {
    const before = Math.floor(Date.now() / 1000);
    const first = await sim.api('GET', '/me');
    const second = await sim.api('GET', '/me');
    const after = Math.floor(Date.now() / 1000);
    expect(first.status).toBe(200);
    const reset = Number(first.headers.get('x-ratelimit-reset'));
    expect(reset % 10).toBe(0);
    expect(reset).toBeGreaterThan(before);
    expect(reset).toBeLessThanOrEqual(after + 10);
    expect(rateHeaders(first)).toEqual({ limit: '167', remaining: '166', reset: String(reset) });
    // The second request may fall in the next window, which restarts the count.
    const next = rateHeaders(second);
    expect(next).toEqual(
      next.reset === String(reset)
        ? { limit: '167', remaining: '165', reset: String(reset) }
        : { limit: '167', remaining: '166', reset: String(reset + 10) },
    );
  });

  it('are on error answers too (404, 400, version refused)', async () => {
    const answers = [
      await sim.api('GET', '/nope'),
      await sim.api('POST', '/contacts', { foo: 1 }),
      await sim.api('GET', '/me', undefined, { headers: { 'intercom-version': 'abc' } }),
    ];
    expect(answers.map((a) => a.status)).toEqual([404, 400, 400]);
    for (const answer of answers) {
      expect(answer.headers.get('x-ratelimit-limit')).toBe('167');
      expect(Number(answer.headers.get('x-ratelimit-remaining'))).toBeLessThan(167);
      expect(answer.headers.get('x-ratelimit-reset')).toMatch(/^\d+0$/);
    }
  });

  it('are absent on a 401, and a 401 does not use the budget', async () => {
    const refused = await sim.api('GET', '/me', undefined, { token: 'nope' });
    expect(refused.status).toBe(401);
    expect(rateHeaders(refused)).toEqual({ limit: null, remaining: null, reset: null });
    const counted = await sim.api('GET', '/me');
    expect(counted.headers.get('x-ratelimit-remaining')).toBe('166');
  });

  it('are absent on the control API, which does not use the budget', async () => {
    const control = await sim.control('GET', '/state');
    expect(control.status).toBe(200);
    expect(control.headers.get('x-ratelimit-limit')).toBeNull();
    expect((await sim.api('GET', '/me')).headers.get('x-ratelimit-remaining')).toBe('166');
  });

  it('answer the 168th request of a window with 429', async () => {
    // A burst that straddles two windows proves nothing; try again in the next one.
    for (let attempt = 0; attempt < 3; attempt++) {
      await sim.control('POST', '/reset');
      const burst = await Promise.all(Array.from({ length: 167 }, () => sim.api('GET', '/me')));
      const extra = await sim.api('GET', '/me');
      const windows = new Set([...burst, extra].map((r) => r.headers.get('x-ratelimit-reset')));
      if (windows.size > 1) continue;
      expect(burst.map((r) => r.status)).toEqual(Array(167).fill(200));
      expect(burst.map((r) => Number(r.headers.get('x-ratelimit-remaining'))).sort((a, b) => a - b))
        .toEqual(Array.from({ length: 167 }, (_, i) => i));
      expect(extra.status).toBe(429);
      expect(extra.body).toEqual(RATE_LIMITED);
      expect(rateHeaders(extra)).toMatchObject({ limit: '167', remaining: '0' });
      return;
    }
    throw new Error('every burst straddled a window boundary');
  });

  it('change at run time through POST /_sim/faults, and back on reset', async () => {
    const set = await sim.control('POST', '/faults', { rateLimit: { limit: 3, windowSeconds: 1 } });
    expect(set.status).toBe(200);
    const windowStart = await nextWindow(1);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await sim.api('GET', '/me'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map(rateHeaders)).toEqual(
      [2, 1, 0, 0].map((remaining) => ({ limit: '3', remaining: String(remaining), reset: String(windowStart + 1) })),
    );
    expect(answers[3]!.body).toEqual(RATE_LIMITED);

    await sim.control('POST', '/reset');
    expect(rateHeaders(await sim.api('GET', '/me'))).toMatchObject({ limit: '167', remaining: '166' });
  });

  it('set at run time also apply to workspaces created afterwards', async () => {
    await sim.control('POST', '/faults', { rateLimit: { limit: 3, windowSeconds: 1 } });
    const created = await sim.control('POST', '/workspaces', { name: 'Later', token: 'later_token' });
    expect(created.status).toBe(200);
    expect((await sim.api('GET', '/me', undefined, { token: 'later_token' })).headers.get('x-ratelimit-limit')).toBe('3');
  });

  it('can be changed for one workspace only', async () => {
    const created = await sim.control('POST', '/workspaces', { name: 'Other', token: 'other_token', id_code: 'other1' });
    expect(created.status).toBe(200);
    const set = await sim.control('POST', '/faults', { rateLimit: { limit: 2, windowSeconds: 1 }, workspace: 'other1' });
    expect(set.status).toBe(200);
    expect((await sim.api('GET', '/me', undefined, { token: 'other_token' })).headers.get('x-ratelimit-limit')).toBe('2');
    expect((await sim.api('GET', '/me')).headers.get('x-ratelimit-limit')).toBe('167');
  });

  it.each([
    [{ rateLimit: { limit: 0 } }, 'rateLimit.limit must be an integer from 1 to 9007199254740991'],
    [{ rateLimit: { limit: 5, windowSeconds: 0.5 } }, 'rateLimit.windowSeconds must be an integer from 1 to 3600'],
    [{ rateLimit: [5] }, 'rateLimit must be {limit, windowSeconds}'],
    [{ rateLimit: { limit: 5 }, workspace: 'nope' }, "unknown workspace 'nope'"],
  ])('refuses the setting %j', async (body, message) => {
    const res = await sim.control('POST', '/faults', body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: message });
    expect((await sim.api('GET', '/me')).headers.get('x-ratelimit-limit')).toBe('167');
  });
});

describe('a small limit (5 per second)', () => {
  const sim = useSimulator({ rateLimit: { limit: 5, windowSeconds: 1 } });

  it('refuses the 6th request of a window with 429 and Remaining 0, then serves the next window', async () => {
    const windowStart = await nextWindow(1);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await sim.api('GET', '/me'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(answers.map(rateHeaders)).toEqual(
      [4, 3, 2, 1, 0, 0].map((remaining) => ({ limit: '5', remaining: String(remaining), reset: String(windowStart + 1) })),
    );
    expect(answers[5]!.body).toEqual(RATE_LIMITED);
    expect(answers[5]!.headers.get('x-request-id')).toBe(answers[5]!.body.request_id);

    await sleep((windowStart + 1) * 1000 - Date.now() + 20);
    const later = await sim.api('GET', '/me');
    expect(later.status).toBe(200);
    expect(rateHeaders(later)).toEqual({ limit: '5', remaining: '4', reset: String(windowStart + 2) });
  });

  it('logs the refused request with its error code', async () => {
    await nextWindow(1);
    for (let i = 0; i < 6; i++) await sim.api('GET', '/me');
    const log = await sim.requests();
    expect(log.map((r) => [r.status, r.errorCode])).toEqual([
      ...Array(5).fill([200, undefined]),
      [429, 'rate_limit_exceeded'],
    ]);
  });

  it('keeps a separate budget for each workspace', async () => {
    const created = await sim.control('POST', '/workspaces', { name: 'Second', token: 'second_token' });
    expect(created.status).toBe(200);
    await nextWindow(1);
    for (let i = 0; i < 5; i++) await sim.api('GET', '/me');
    expect((await sim.api('GET', '/me')).status).toBe(429);
    const other = await sim.api('GET', '/me', undefined, { token: 'second_token' });
    expect(other.status).toBe(200);
    expect(other.body.app.name).toBe('Second');
    expect(rateHeaders(other)).toMatchObject({ limit: '5', remaining: '4' });
  });
});
