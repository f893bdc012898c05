// Every R18 classification case, produced by the real simulator's answers and injected faults.
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../../../../sim/intercom/test-support/harness.js';
import { classifyResponse } from './index.js';
import { useClients } from './test-support/clients.js';

const sim = useSimulator();
const open = useClients(sim);

describe('classifyResponse on real answers', () => {
  it('2xx is ok', async () => {
    const response = await open().request('GET', '/me');
    expect(classifyResponse(response)).toEqual({ kind: 'ok' });
  });

  it('503 is retried with Intercom\'s code and message, and the next answer is ok', async () => {
    await sim.faults({ status: 503, count: 1 });
    const client = open();
    const failed = await client.request('GET', '/me');
    expect(failed.status).toBe(503);
    expect(classifyResponse(failed)).toEqual({
      kind: 'retry',
      reason: '503 service_unavailable: Sorry, the API service is temporarily unavailable',
    });
    expect(classifyResponse(await client.request('GET', '/me'))).toEqual({ kind: 'ok' });
  });

  it.each([408, 423, 500, 502, 504])('%i is retried', async (status) => {
    await sim.faults({ status, count: 1 });
    const response = await open().request('GET', '/me');
    expect(response.status).toBe(status);
    expect(classifyResponse(response)).toMatchObject({ kind: 'retry', reason: expect.stringMatching(`^${status} `) });
  });

  it('429 with Retry-After: 3 is retried after 3 s', async () => {
    await sim.faults({ status: 429, headers: { 'retry-after': '3' } });
    const response = await open().request('GET', '/me');
    expect(classifyResponse(response)).toEqual({
      kind: 'retry',
      reason: '429 rate_limit_exceeded: You have exceeded the rate limit. Please try again later.',
      delayMs: 3000,
    });
  });

  it('a real rate-limited 429 waits until X-RateLimit-Reset', async () => {
    await sim.faults({ rateLimit: { limit: 1, windowSeconds: 10 } });
    const client = open();
    // Windows are aligned to the clock: if one ends between two requests, the third is the one limited.
    let limited = await client.request('GET', '/me');
    for (let i = 0; i < 2 && limited.status !== 429; i++) limited = await client.request('GET', '/me');
    const now = Date.now();
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeUndefined();
    const reset = Number(limited.headers['x-ratelimit-reset']);
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    const classification = classifyResponse(limited, now);
    expect(classification).toEqual({
      kind: 'retry',
      reason: expect.stringContaining('rate_limit_exceeded'),
      delayMs: Math.max(0, reset * 1000 - now),
    });
    expect(classification.kind === 'retry' && classification.delayMs).toBeLessThanOrEqual(10_000);
    // Long after the reset the hint never goes negative.
    expect(classifyResponse(limited, (reset + 60) * 1000)).toMatchObject({ delayMs: 0 });
  });

  it('401 from a wrong token is an auth failure', async () => {
    const response = await open({ accessToken: 'not_the_token' }).request('GET', '/me');
    expect(classifyResponse(response)).toEqual({ kind: 'auth', reason: 'unauthorized: Access Token Invalid', status: 401 });
  });

  it('403 is an auth failure', async () => {
    await sim.faults({ status: 403 });
    const response = await open().request('GET', '/me');
    expect(classifyResponse(response)).toEqual({ kind: 'auth', reason: 'forbidden: Access denied', status: 403 });
  });

  it('404 is rejected with Intercom\'s code and message', async () => {
    const response = await open().request('GET', '/contacts/no-such-contact');
    expect(response.status).toBe(404);
    expect(classifyResponse(response)).toMatchObject({ kind: 'reject', code: 'not_found', status: 404 });
  });

  it('409 from a duplicate contact is rejected with the conflict message naming the existing id', async () => {
    const client = open();
    const created = await client.request('POST', '/contacts', { role: 'user', email: 'dup@example.com' });
    const id = (created.body as { id: string }).id;
    const duplicate = await client.request('POST', '/contacts', { role: 'user', email: 'dup@example.com' });
    expect(classifyResponse(duplicate)).toEqual({
      kind: 'reject',
      reason: `conflict: A contact matching those details already exists with id=${id}`,
      code: 'conflict',
      status: 409,
    });
  });

  it('400 for an unknown custom attribute is rejected with parameter_invalid', async () => {
    const response = await open().request('POST', '/contacts', {
      role: 'user',
      external_id: 'u-9',
      custom_attributes: { plan_tier: 'gold' },
    });
    expect(classifyResponse(response)).toEqual({
      kind: 'reject',
      reason: "parameter_invalid: Custom attribute 'plan_tier' does not exist",
      code: 'parameter_invalid',
      status: 400,
    });
  });

  it('501 is rejected, not retried', async () => {
    await sim.faults({ status: 501 });
    const response = await open().request('GET', '/me');
    expect(classifyResponse(response)).toEqual({
      kind: 'reject',
      reason: 'not_implemented: Not Implemented',
      code: 'not_implemented',
      status: 501,
    });
  });

  it('a non-JSON error body is rejected with the status and the start of its text', async () => {
    const response = await open().request('GET', '/oauth');
    const classification = classifyResponse(response);
    expect(classification).toMatchObject({ kind: 'reject', status: 400 });
    expect(classification.kind === 'reject' && classification.reason).toMatch(/^HTTP 400 Bad Request: /);
  });
});
