// IntercomClient against the real simulator: R19 headers, hosts, JSON and empty bodies, keep-alive.
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../../../../sim/intercom/test-support/harness.js';
import { VERSION } from '../../../version.js';
import { useClients } from './test-support/clients.js';

const sim = useSimulator();
const open = useClients(sim);

describe('IntercomClient over HTTP', () => {
  it('sends exactly the headers of R19, with Content-Type only when there is a body', async () => {
    const client = open();
    await client.request('GET', '/me');
    await client.request('POST', '/contacts', { role: 'lead', name: 'Ada' });
    const [get, post] = await sim.requests();
    const common = {
      authorization: 'Bearer [redacted]',
      'intercom-version': '2.11',
      accept: 'application/json',
      'user-agent': `ferry/${VERSION}`,
    };
    expect(get.headers).toEqual(common);
    expect(post.headers).toEqual({ ...common, 'content-type': 'application/json' });
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('honours apiVersion and userAgent options', async () => {
    const client = open({ apiVersion: '2.10', userAgent: 'ferry-test/1' });
    expect((await client.request('GET', '/me')).status).toBe(200);
    const [logged] = await sim.requests();
    expect(logged.headers['intercom-version']).toBe('2.10');
    expect(logged.headers['user-agent']).toBe('ferry-test/1');
  });

  it('uses the endpoint override with its trailing slash trimmed, and records the full URL', async () => {
    const client = open({ endpoint: `${sim.url}/`, region: 'eu' });
    expect(client.baseUrl).toBe(sim.url);
    const response = await client.request('GET', '/me');
    expect(response.status).toBe(200);
    expect(response.exchange.url).toBe(`${sim.url}/me`);
  });

  it('sends and parses JSON bodies, and records them in the exchange', async () => {
    const client = open();
    const body = { role: 'user', external_id: 'u-1', email: 'ada@example.com', name: 'Ada' };
    const response = await client.request('POST', '/contacts', body);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ type: 'contact', external_id: 'u-1', email: 'ada@example.com' });
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.exchange).toEqual({
      method: 'POST',
      url: `${sim.url}/contacts`,
      body,
      status: 200,
      response: response.body,
      durationMs: expect.any(Number),
    });
    const [logged] = await sim.requests();
    expect(logged.body).toEqual(body);
  });

  it('records what went on the wire, not the caller object mutated afterwards', async () => {
    const client = open();
    const body: Record<string, unknown> = { role: 'lead', name: 'Before', skipped: undefined };
    const pending = client.request('POST', '/contacts', body);
    body.name = 'After';
    const response = await pending;
    expect(response.exchange.body).toEqual({ role: 'lead', name: 'Before' });
  });

  it('answers a 202 with an empty body as undefined', async () => {
    const client = open();
    await client.request('POST', '/contacts', { role: 'user', external_id: 'u-2' });
    const response = await client.request('POST', '/events', {
      event_name: 'signed-in',
      created_at: 1_700_000_000,
      user_id: 'u-2',
    });
    expect(response.status).toBe(202);
    expect(response.body).toBeUndefined();
    expect(response.exchange.response).toBeUndefined();
  });

  it('returns the text of a body that is not JSON', async () => {
    const client = open();
    const response = await client.request('GET', '/oauth');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(typeof response.body).toBe('string');
    expect(response.body as string).toContain('<');
  });

  it('answers every status with lower-cased headers, the rate-limit ones included (the pacer reads them)', async () => {
    const client = open();
    const answers = [await client.request('GET', '/me'), await client.request('GET', '/contacts/missing')];
    expect(answers.map((a) => a.status)).toEqual([200, 404]);
    for (const { headers } of answers) {
      expect(headers['x-ratelimit-limit']).toMatch(/^\d+$/);
      expect(headers['x-ratelimit-remaining']).toMatch(/^\d+$/);
      expect(headers['x-ratelimit-reset']).toMatch(/^\d+$/);
    }
  });

  it('reuses one keep-alive connection, shared by clients of the same origin', async () => {
    const first = open();
    const second = open();
    const before = sim.connections;
    for (let i = 0; i < 10; i++) await (i % 2 === 0 ? first : second).request('GET', '/me');
    // undici frees a connection one tick after its answer is read, so a request sent at once may open a second one;
    // after that, both are reused. Without keep-alive this would be 10 connections.
    expect(sim.connections - before).toBeGreaterThanOrEqual(1);
    expect(sim.connections - before).toBeLessThanOrEqual(2);
  });

  it('keeps the shared pool open for other clients when one closes', async () => {
    const first = open();
    const second = open();
    await first.request('GET', '/me');
    await first.close();
    expect((await second.request('GET', '/me')).status).toBe(200);
  });
});
