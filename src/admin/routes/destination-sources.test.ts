// The sources a destination receives: set through the admin API (checked against the stored sources), exported to
// YAML, and honoured by routing — an event from another source makes no delivery there.
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../../../sim/intercom/test-support/harness.js';
import { admin, ADMIN_TOKEN, unfinishedJobs, waitFor } from '../../commands/test-support/ferry.js';
import { useFerry } from '../test-support/admin-ferry.js';

const sim = useSimulator();
const handle = useFerry(() => sim.url);
const invalid = (message: string, path: string) => ({ status: 400, body: { error: { code: 'FERRY_ERR_CONFIG_INVALID', message, path } } });

async function identifyWith(url: string, writeKey: string, userId: string) {
  const response = await fetch(`${url}/v1/identify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
    body: JSON.stringify({ userId, traits: { email: `${userId}@example.com` } }),
  });
  expect(response.status).toBe(200);
}

describe("a destination's sources", () => {
  it('are checked against the stored sources, answered (null: every source), changed and exported', async () => {
    const { url } = await handle.start();
    expect((await admin(url, 'GET', '/api/destinations/intercom')).body.sources).toBeNull();
    expect(await admin(url, 'POST', '/api/destinations', { id: 'd2', sources: ['web', 'app'] }))
      .toEqual(invalid('sources[1]: unknown source "app"; the sources are: "web"', 'sources[1]'));
    expect(await admin(url, 'POST', '/api/destinations', { id: 'd2', sources: 'web' })).toEqual(invalid('sources: must be a list, got a string', 'sources'));
    await admin(url, 'POST', '/api/sources', { id: 'app', writeKey: 'app-key-0000' });
    const created = await admin(url, 'POST', '/api/destinations', { id: 'd2', enabled: false, sources: ['app'], settings: { endpoint: sim.url } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'd2', enabled: false, sources: ['app'] });
    expect((await admin(url, 'PUT', '/api/destinations/d2', { name: 'Second' })).body.sources).toEqual(['app']);
    expect(await admin(url, 'PUT', '/api/destinations/d2', { sources: ['web', 'web'] })).toEqual(invalid('sources[1]: "web" is listed twice', 'sources[1]'));
    expect((await admin(url, 'PUT', '/api/destinations/d2', { sources: null })).body.sources).toBeNull();
    await admin(url, 'PUT', '/api/destinations/d2', { sources: ['web', 'app'] });
    const yaml = await (await fetch(`${url}/api/config/export`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    expect(yaml).toContain('    sources:\n      - web\n      - app\n');
  });

  it('routes an event only to the destinations its source feeds', async () => {
    const { url, store } = await handle.start();
    await admin(url, 'POST', '/api/sources', { id: 'app', writeKey: 'app-key-0000' });
    expect((await admin(url, 'PUT', '/api/destinations/intercom', { sources: ['web'] })).status).toBe(200);
    await identifyWith(url, 'app-key-0000', 'from-app');
    await identifyWith(url, 'test-write-key', 'from-web');
    await waitFor(async () => (await unfinishedJobs(store)) === 0, 10_000, 'deliveries');
    const contacts = (await sim.state()).contacts.map((c: { external_id: string }) => c.external_id);
    expect(contacts).toEqual(['from-web']);
    const deliveries = (await admin(url, 'GET', '/api/destinations/intercom/deliveries')).body.items;
    expect(deliveries.map((d: { person: string }) => d.person)).toEqual(['from-web']);
  });
});
