// classifyResponse and the delay hints, as pure functions over hand-made answers.
import { describe, expect, it } from 'vitest';
import { classifyResponse, classifyTransportError, isRetryableStatus } from './classify.js';
import { IntercomTransportError } from './errors.js';
import { rateLimitResetMs, retryAfterMs } from './retry-delay.js';

const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
const envelope = (code: string, message: string) => ({
  type: 'error.list',
  request_id: 'r1',
  errors: [{ code, message }],
});
const answer = (status: number, headers: Record<string, string> = {}, body: unknown = undefined) => ({
  status,
  headers,
  body,
});

describe('classifyResponse', () => {
  it.each([200, 201, 202, 204, 299])('%i is ok', (status) => {
    expect(classifyResponse(answer(status))).toEqual({ kind: 'ok' });
  });

  it('retries exactly 408, 423, 429 and 5xx except 501', () => {
    const retried = [...Array(600).keys()].filter(isRetryableStatus);
    expect(retried).toEqual([408, 423, 429, 500, ...Array.from({ length: 98 }, (_, i) => 502 + i)]);
  });

  it('reads Retry-After as seconds', () => {
    expect(classifyResponse(answer(503, { 'Retry-After': '7' }, envelope('service_unavailable', 'Down')), NOW)).toEqual({
      kind: 'retry',
      reason: '503 service_unavailable: Down',
      delayMs: 7000,
    });
  });

  it('reads Retry-After as an HTTP date, never negative', () => {
    const later = new Date(NOW + 90_000).toUTCString();
    expect(classifyResponse(answer(429, { 'retry-after': later }), NOW)).toMatchObject({ delayMs: 90_000 });
    const earlier = new Date(NOW - 90_000).toUTCString();
    expect(classifyResponse(answer(429, { 'retry-after': earlier }), NOW)).toMatchObject({ delayMs: 0 });
  });

  it('prefers Retry-After to X-RateLimit-Reset, and uses the reset only for 429', () => {
    const reset = String(NOW / 1000 + 4);
    expect(classifyResponse(answer(429, { 'retry-after': '2', 'x-ratelimit-reset': reset }), NOW)).toMatchObject({
      delayMs: 2000,
    });
    expect(classifyResponse(answer(429, { 'X-RateLimit-Reset': reset }), NOW)).toMatchObject({ delayMs: 4000 });
    expect(classifyResponse(answer(503, { 'x-ratelimit-reset': reset }), NOW)).toEqual({
      kind: 'retry',
      reason: '503 Service Unavailable',
    });
  });

  it('falls back to the reset when Retry-After is unreadable, and gives no hint when nothing is readable', () => {
    const reset = String(NOW / 1000 + 10);
    expect(classifyResponse(answer(429, { 'retry-after': 'soon', 'x-ratelimit-reset': reset }), NOW)).toMatchObject({
      delayMs: 10_000,
    });
    expect(classifyResponse(answer(429, { 'retry-after': '-5', 'x-ratelimit-reset': 'later' }), NOW)).toEqual({
      kind: 'retry',
      reason: '429 Too Many Requests',
    });
  });

  it('treats 401 and 403 as auth failures', () => {
    expect(classifyResponse(answer(401, {}, envelope('unauthorized', 'Access Token Invalid')))).toEqual({
      kind: 'auth',
      reason: 'unauthorized: Access Token Invalid',
      status: 401,
    });
    expect(classifyResponse(answer(403))).toEqual({ kind: 'auth', reason: 'HTTP 403 Forbidden', status: 403 });
  });

  it('rejects other 4xx, 501 and unexpected statuses with Intercom\'s first error', () => {
    const body = { type: 'error.list', errors: [{ code: 'parameter_invalid', message: 'first' }, { code: 'x', message: 'second' }] };
    expect(classifyResponse(answer(400, {}, body))).toEqual({
      kind: 'reject',
      reason: 'parameter_invalid: first',
      code: 'parameter_invalid',
      status: 400,
    });
    expect(classifyResponse(answer(501))).toEqual({ kind: 'reject', reason: 'HTTP 501 Not Implemented', status: 501 });
    expect(classifyResponse(answer(302))).toEqual({ kind: 'reject', reason: 'HTTP 302 Found', status: 302 });
    expect(classifyResponse(answer(404, {}, { errors: [{ message: 'no code' }] }))).toEqual({
      kind: 'reject',
      reason: 'no code',
      status: 404,
    });
  });

  it('quotes the start of a plain-text answer when there is no envelope', () => {
    const page = `<html>\n  <body>${'x'.repeat(300)}</body></html>`;
    const result = classifyResponse(answer(404, {}, page));
    expect(result.kind === 'reject' && result.reason).toBe(`HTTP 404 Not Found: <html> <body>${'x'.repeat(107)}…`);
  });
});

describe('delay hints', () => {
  it('reads seconds, dates and resets', () => {
    expect(retryAfterMs(' 0 ', NOW)).toBe(0);
    expect(retryAfterMs('1.5', NOW)).toBe(1500);
    expect(retryAfterMs('Wed, 15 Jan 2025 12:00:30 GMT', NOW)).toBe(30_000);
    expect(retryAfterMs('2025', NOW)).toBe(2_025_000);
    expect(retryAfterMs('', NOW)).toBeUndefined();
    expect(retryAfterMs('Someday', NOW)).toBeUndefined();
    expect(rateLimitResetMs(String(NOW / 1000 + 3), NOW)).toBe(3000);
    expect(rateLimitResetMs(String(NOW / 1000 - 3), NOW)).toBe(0);
    expect(rateLimitResetMs('x', NOW)).toBeUndefined();
  });
});

describe('classifyTransportError', () => {
  it('always retries, with the error message as the reason', () => {
    for (const kind of ['timeout', 'network'] as const) {
      const error = new IntercomTransportError(kind, `it was a ${kind}`, { method: 'GET', url: 'u', durationMs: 1 });
      expect(classifyTransportError(error)).toEqual({ kind: 'retry', reason: `it was a ${kind}` });
    }
  });
});
