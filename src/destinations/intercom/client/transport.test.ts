// Transport failures against real sockets: timeouts and refused connections become IntercomTransportError.
import { describe, expect, it, vi } from 'vitest';
import { useSimulator } from '../../../../sim/intercom/test-support/harness.js';
import { IntercomClient, IntercomTransportError, classifyTransportError } from './index.js';
import { closedPort, useClients } from './test-support/clients.js';

const sim = useSimulator();
const open = useClients(sim);

const originalSetTimeout = globalThis.setTimeout;
const originalClearTimeout = globalThis.clearTimeout;

async function rejection(promise: Promise<unknown>): Promise<IntercomTransportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IntercomTransportError);
  return error as IntercomTransportError;
}

describe('transport errors', () => {
  it('a slow answer past timeoutMs is a timeout, classified as retry', async () => {
    await sim.faults({ latencyMs: 300 });
    const client = open({ timeoutMs: 100 });
    const error = await rejection(client.request('POST', '/contacts', { role: 'lead', name: 'Slow' }));
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(`Intercom did not answer within 100 ms (POST ${sim.url}/contacts)`);
    expect(error.exchange).toEqual({
      method: 'POST',
      url: `${sim.url}/contacts`,
      body: { role: 'lead', name: 'Slow' },
      durationMs: expect.any(Number),
    });
    expect(error.exchange.durationMs).toBeGreaterThanOrEqual(90);
    expect(classifyTransportError(error)).toEqual({ kind: 'retry', reason: error.message });
  });

  it('the client works again once the latency is gone', async () => {
    await sim.faults({ latencyMs: 300 });
    const client = open({ timeoutMs: 100 });
    await rejection(client.request('GET', '/me'));
    await sim.faults({ latencyMs: 0 });
    expect((await client.request('GET', '/me')).status).toBe(200);
  });

  it('clears its timer whether the request answers, fails or times out', async () => {
    // Odd delays single out the client's own timers among undici's and the simulator's.
    const created: unknown[] = [];
    const cleared = new Set<unknown>();
    const set = vi.spyOn(globalThis, 'setTimeout');
    const clear = vi.spyOn(globalThis, 'clearTimeout');
    set.mockImplementation(((fn: () => void, ms?: number) => {
      const handle = originalSetTimeout(fn, ms);
      if (ms === 600_007 || ms === 53) created.push(handle);
      return handle;
    }) as typeof setTimeout);
    clear.mockImplementation(((handle?: Parameters<typeof clearTimeout>[0]) => {
      cleared.add(handle);
      originalClearTimeout(handle);
    }) as typeof clearTimeout);
    try {
      const patient = open({ timeoutMs: 600_007 });
      await patient.request('GET', '/me');
      await patient.request('GET', '/contacts/missing');
      await sim.faults({ latencyMs: 150 });
      await rejection(open({ timeoutMs: 53 }).request('GET', '/me'));
      await rejection(open({ timeoutMs: 600_007, endpoint: `http://127.0.0.1:${await closedPort()}` }).request('GET', '/me'));
    } finally {
      set.mockRestore();
      clear.mockRestore();
    }
    expect(created).toHaveLength(4);
    for (const handle of created) expect(cleared.has(handle)).toBe(true);
  });

  it('a refused connection is a network error, classified as retry', async () => {
    const port = await closedPort();
    const client = open({ endpoint: `http://127.0.0.1:${port}` });
    const error = await rejection(client.request('GET', '/me'));
    expect(error.kind).toBe('network');
    expect(error.causeCode).toBe('ECONNREFUSED');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain(`GET http://127.0.0.1:${port}/me`);
    expect(error.exchange).toEqual({ method: 'GET', url: `http://127.0.0.1:${port}/me`, durationMs: expect.any(Number) });
    expect(classifyTransportError(error)).toMatchObject({ kind: 'retry' });
  });

  it('a closed client refuses requests with a network error', async () => {
    const client = open();
    await client.close();
    await client.close();
    const error = await rejection(client.request('GET', '/me'));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('closed');
  });
});

describe('constructor checks', () => {
  it('refuses a token that cannot be a header value, without echoing it', () => {
    for (const accessToken of ['', 'has space', 'line\nbreak']) {
      expect(() => new IntercomClient({ accessToken })).toThrow(/^Intercom accessToken must be/);
    }
  });

  it('refuses bad endpoints, timeouts and paths', async () => {
    expect(() => new IntercomClient({ accessToken: 't', endpoint: 'ftp://example.com' })).toThrow(/http or https/);
    expect(() => new IntercomClient({ accessToken: 't', endpoint: 'not a url' })).toThrow(/not a URL/);
    expect(() => new IntercomClient({ accessToken: 't', timeoutMs: 0 })).toThrow(/timeoutMs/);
    await expect(open().request('GET', 'me')).rejects.toThrow(/must start with/);
  });

  it('R19: gives a request 10 seconds by default', async () => {
    const client = new IntercomClient({ accessToken: 't' });
    expect(client.timeoutMs).toBe(10_000);
    await client.close();
  });
});
