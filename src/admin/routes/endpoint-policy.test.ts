// R22 through the admin API: an endpoint is refused unless the operator allows it, a token never follows a new endpoint,
// and nothing an API call does sends the token to a host the policy refuses.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, controlConfig, error, useControlApp } from '../test-support/control-app.js';

const open = useControlApp();
const STRICT = { allowCustom: false, trusted: [] };
const CUSTOM = { allowCustom: true, trusted: [] };

/** A foreign host that records what reaches it (it must stay empty when the policy refuses it). */
const foreign: { close(): Promise<void>; url: string; seen: IncomingMessage[] }[] = [];
async function foreignHost() {
  const seen: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    seen.push(request);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"type":"admin","app":{"name":"Evil","id_code":"evil"}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
  foreign.push(host);
  return host;
}
afterEach(async () => {
  for (const host of foreign.splice(0)) await host.close();
});

const REFUSED =
  `is not Intercom's host for region "us" (https://api.intercom.io): the access token is sent only to Intercom, unless ferry is ` +
  'started with FERRY_ALLOW_CUSTOM_ENDPOINTS=1 (for the simulator or a proxy); leave endpoint out to deliver to Intercom';

describe('without FERRY_ALLOW_CUSTOM_ENDPOINTS', () => {
  it.each(['http://169.254.169.254', 'http://[::1]:4010', 'http://0x7f000001', 'https://api.intercom.io.evil.example'])(
    'refuses the endpoint %s on PUT and POST with a 400 naming the variable, and stores nothing', async (endpoint) => {
      const c = await open(controlConfig('https://api.intercom.io'), STRICT);
      const before = await c.store.listDestinations();
      const expected = error(400, 'FERRY_ERR_CONFIG_INVALID', `settings.endpoint: ${REFUSED}`, 'settings.endpoint');
      expect(await c.call('PUT', '/api/destinations/intercom', { settings: { endpoint } })).toEqual(expected);
      expect(await c.call('POST', '/api/destinations', { id: 'two', settings: { endpoint, accessToken: 'tok_0123456789abc' } })).toEqual(expected);
      expect(await c.store.listDestinations()).toEqual(before);
      expect(c.changes()).toBe(0);
    },
  );

  it("allows the region's own host written as an endpoint, and no endpoint", async () => {
    const c = await open(controlConfig('https://api.intercom.io'), STRICT);
    expect((await c.call('PUT', '/api/destinations/intercom', { settings: { endpoint: 'https://api.intercom.io/' } })).status).toBe(200);
    expect((await c.call('PUT', '/api/destinations/intercom', { settings: { region: 'eu' } })).status).toBe(200);
  });

  it('sends nothing to a stored endpoint the policy refuses: test connection, Event Tester, Mappings Tester, OAuth', async () => {
    const host = await foreignHost();
    const c = await open(controlConfig(host.url), STRICT);
    const why = `settings.endpoint: ${REFUSED}`;
    expect(await c.call('POST', '/api/destinations/intercom/test-connection')).toEqual({ status: 200, body: { ok: false, status: 0, error: why } });
    const event = { type: 'identify', userId: 'u1', traits: { email: 'u1@example.com' } };
    const refused = error(409, 'FERRY_ERR_ENDPOINT_REFUSED', why, 'settings.endpoint');
    expect(await c.call('POST', '/api/destinations/intercom/event-tester', { event })).toEqual(refused);
    expect(await c.call('POST', '/api/destinations/intercom/mappings/Identify Contact/test', { event })).toEqual(refused);
    expect(await c.call('POST', '/api/destinations/intercom/oauth/start')).toEqual(refused);
    expect(host.seen).toEqual([]);
  });
});

describe('a token never follows a new endpoint', () => {
  it('drops the stored token and workspace when only the endpoint changes; keeps a new token given with it', async () => {
    const c = await open(controlConfig('http://127.0.0.1:9'), CUSTOM);
    const [stored] = await c.store.listDestinations();
    const { pausedReason: _p, ...config } = stored!;
    await c.store.upsertDestination({ ...config, settings: { ...config.settings, workspace: { idCode: 'abc1', name: 'Acme' } } });
    const put = (settings: object) => c.call('PUT', '/api/destinations/intercom', { settings });
    const host = await foreignHost();

    const moved = await put({ endpoint: host.url });
    expect(moved.body.settings).toEqual({ region: 'us', apiVersion: '2.11', endpoint: host.url });
    expect((await c.store.listDestinations())[0]!.settings.accessToken).toBeUndefined();
    // The masked token sent back is no new token either.
    await c.store.upsertDestination({ ...config, settings: { ...config.settings } });
    expect((await put({ endpoint: host.url, accessToken: `****${ACCESS_TOKEN.slice(-4)}` })).body.settings.accessToken).toBeUndefined();
    // With nothing to send, test connection sends nothing.
    expect((await c.call('POST', '/api/destinations/intercom/test-connection')).body.ok).toBe(false);
    expect(host.seen).toEqual([]);

    expect((await put({ endpoint: host.url, accessToken: 'tok_for_the_proxy_1234' })).body.settings).toEqual({
      region: 'us', apiVersion: '2.11', endpoint: host.url, accessToken: '****1234',
    });
    expect((await c.call('POST', '/api/destinations/intercom/test-connection')).body).toEqual({ ok: true, workspace: { name: 'Evil', id_code: 'evil', region: '' } });
    expect(host.seen.map((r) => r.headers.authorization)).toEqual(['Bearer tok_for_the_proxy_1234']);
  });
});

describe('connection errors', () => {
  it('read the same for a refused port as for a filtered one or a timeout', async () => {
    const c = await open(controlConfig('http://127.0.0.1:9'), CUSTOM);
    expect(await c.call('POST', '/api/destinations/intercom/test-connection')).toEqual({
      status: 200, body: { ok: false, status: 0, error: 'no answer from Intercom at http://127.0.0.1:9 (the connection failed or timed out)' },
    });
  });
});
