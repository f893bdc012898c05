// Sources and destinations against a real ferry and the Intercom simulator: test-connection, live keys, secrets at rest.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../../../sim/intercom/test-support/harness.js';
import { admin, ADMIN_TOKEN, send, tempDir, waitFor, WRITE_KEY } from '../../commands/test-support/ferry.js';
import { startFerry } from '../../commands/start.js';
import { useFerry } from '../test-support/admin-ferry.js';

const sim = useSimulator();
const handle = useFerry(() => sim.url);
const identify = { userId: 'u1', traits: { email: 'u1@example.com' } };
const SECRET = 'tok_live_d2hhdCBhIHNlY3JldCB0b2tlbg';

async function identifyWith(url: string, writeKey: string) {
  const response = await fetch(`${url}/v1/identify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
    body: JSON.stringify(identify),
  });
  return response.status;
}

describe('POST /api/destinations/:id/test-connection (real ferry, simulator)', () => {
  it("answers the token's workspace, and Intercom's refusal once the token is wrong", async () => {
    const { url } = await handle.start();
    expect(await admin(url, 'POST', '/api/destinations/intercom/test-connection')).toEqual({
      status: 200, body: { ok: true, workspace: { name: 'Sandbox', id_code: 'sandbox1', region: 'US' } },
    });
    expect((await sim.requests()).map((r) => [r.method, r.path, r.status])).toEqual([['GET', '/me', 200]]);
    await admin(url, 'PUT', '/api/destinations/intercom', { settings: { accessToken: 'not-a-known-token', endpoint: sim.url } });
    expect(await admin(url, 'POST', '/api/destinations/intercom/test-connection')).toEqual({
      status: 200, body: { ok: false, status: 401, error: 'unauthorized: Access Token Invalid' },
    });
    expect(await admin(url, 'POST', '/api/destinations/nope/test-connection')).toEqual({
      status: 404, body: { error: { code: 'FERRY_ERR_NOT_FOUND', message: "destination 'nope' does not exist" } },
    });
  });
});

describe('live changes (real ferry)', () => {
  it('rotating the write key turns the old one away at once and takes the new one', async () => {
    const { url } = await handle.start();
    expect(await identifyWith(url, WRITE_KEY)).toBe(200);
    const rotated = await admin(url, 'POST', '/api/sources/web/rotate-write-key');
    expect(rotated.status).toBe(200);
    expect(await identifyWith(url, WRITE_KEY)).toBe(401);
    expect(await identifyWith(url, rotated.body.writeKey)).toBe(200);
  });

  it('a destination created through the API delivers without a restart; its token is nowhere in plaintext', async () => {
    const workspace = { name: 'Second', id_code: 'second1', region: 'EU' };
    expect((await sim.control('POST', '/workspaces', { ...workspace, token: SECRET })).status).toBe(200);
    const ferry = await handle.start();
    const created = await admin(ferry.url, 'POST', '/api/destinations', {
      id: 'second', settings: { region: 'eu', accessToken: SECRET, endpoint: sim.url },
      mappings: [{ name: 'Contacts', action: 'identifyContact' }],
    });
    expect(created.status).toBe(201);
    expect(await send(ferry.url, '/v1/identify', identify)).toEqual({ status: 200, body: { success: true } });
    await waitFor(async () => {
      const state = (await sim.control('GET', '/state?workspace=second1')).body;
      return state.workspaces[0].contacts.some((c: any) => c.external_id === 'u1');
    }, 15_000, 'the contact in the second workspace');
    const answers = await Promise.all([
      admin(ferry.url, 'GET', '/api/destinations'), admin(ferry.url, 'GET', '/api/destinations/second'),
      admin(ferry.url, 'POST', '/api/destinations/second/test-connection'),
      admin(ferry.url, 'PUT', '/api/destinations/second', { name: 'Second' }),
    ]);
    expect(answers[2]!.body).toEqual({ ok: true, workspace });
    for (const answer of [created, ...answers]) expect(JSON.stringify(answer.body)).not.toContain(SECRET);
    const exported = await fetch(`${ferry.url}/api/config/export`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    const text = await exported.text();
    expect(text).toContain('accessToken: ${INTERCOM_ACCESS_TOKEN_SECOND}');
    expect(text).not.toContain(SECRET);
    await ferry.stop();
    handle.ferry = undefined;
    const db = join(ferry.dir, 'data', 'ferry.db');
    const files = [db, `${db}-wal`].filter(existsSync);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(file).includes(SECRET)).toBe(false);
  });
});

describe('sandbox mode', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });

  it('tests the connection of a destination without a token against the in-process simulator', async () => {
    const saved = process.env.INTERCOM_ACCESS_TOKEN;
    delete process.env.INTERCOM_ACCESS_TOKEN;
    try {
      const ferry = await startFerry({ port: 0, host: '127.0.0.1', dataDir: join(tempDir(), 'data'), simPort: 0, quiet: true, adminToken: ADMIN_TOKEN });
      stops.push(ferry.stop);
      expect(await admin(ferry.url, 'POST', '/api/destinations/intercom/test-connection')).toEqual({
        status: 200, body: { ok: true, workspace: { name: 'Sandbox', id_code: 'sandbox1', region: 'US' } },
      });
    } finally {
      if (saved !== undefined) process.env.INTERCOM_ACCESS_TOKEN = saved;
    }
  });
});
