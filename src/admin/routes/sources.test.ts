// The sources routes through fastify inject on a real SQLite store: CRUD, write-key rotation, exact error bodies.
import { describe, expect, it } from 'vitest';
import { newEvent } from '../../store/contract/fixtures.js';
import { error, UNAUTHORIZED, useControlApp, WRITE_KEY, type ControlApp } from '../test-support/control-app.js';

const open = useControlApp();
const identify = { userId: 'u1', traits: { email: 'u1@example.com' } };

/** POST /v1/identify with `writeKey` as the Basic user, answered by the same app. */
async function track(c: ControlApp, writeKey: string) {
  const answer = await c.app.inject({
    method: 'POST', url: '/v1/identify', payload: identify,
    headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
  });
  return answer.statusCode;
}

describe('sources: authentication', () => {
  it('answers 401 on every route without the admin token, with a wrong one, and never takes a write key', async () => {
    const c = await open();
    const routes: [string, string][] = [
      ['GET', '/api/sources'], ['POST', '/api/sources'], ['GET', '/api/sources/web'], ['PUT', '/api/sources/web'],
      ['DELETE', '/api/sources/web'], ['POST', '/api/sources/web/rotate-write-key'],
    ];
    for (const [method, url] of routes) {
      for (const authorization of [null, 'Bearer wrong-token', `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`]) {
        expect(await c.call(method, url, method === 'GET' ? undefined : { id: 'x' }, authorization), `${method} ${url}`).toEqual(UNAUTHORIZED);
      }
    }
    expect((await c.store.listSources()).map((s) => s.id)).toEqual(['web']);
    expect(c.changes()).toBe(0);
  });
});

describe('sources: CRUD', () => {
  it('lists and reads sources with their write keys (no secret: every client carries one)', async () => {
    const c = await open();
    const web = { id: 'web', name: 'Website', writeKey: WRITE_KEY, managedByConfig: false };
    expect(await c.call('GET', '/api/sources')).toEqual({ status: 200, body: [web] });
    expect(await c.call('GET', '/api/sources/web')).toEqual({ status: 200, body: web });
    expect(await c.call('GET', '/api/sources/nope')).toEqual(error(404, 'FERRY_ERR_NOT_FOUND', "source 'nope' does not exist"));
  });

  it('creates a source with a generated key that the tracking API accepts at once', async () => {
    const c = await open();
    const created = await c.call('POST', '/api/sources', { id: 'api', name: 'Backend' });
    expect(created).toEqual({ status: 201, body: { id: 'api', name: 'Backend', writeKey: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), managedByConfig: false } });
    const key = created.body.writeKey as string;
    expect(await c.call('GET', '/api/sources/api')).toEqual({ status: 200, body: { id: 'api', name: 'Backend', writeKey: key, managedByConfig: false } });
    expect(await track(c, key)).toBe(200);
    expect(c.changes()).toBe(1);
    // A key of one's own (moving from Segment keeps the clients' key).
    expect(await c.call('POST', '/api/sources', { id: 'seg', writeKey: 'segment-key-1234' })).toEqual({
      status: 201, body: { id: 'seg', writeKey: 'segment-key-1234', managedByConfig: false },
    });
    expect(await track(c, 'segment-key-1234')).toBe(200);
  });

  it('refuses a bad body with the config file messages and paths, and a taken id or key with 409', async () => {
    const c = await open();
    const post = (body?: unknown) => c.call('POST', '/api/sources', body);
    expect(await post()).toEqual(error(400, 'FERRY_ERR_CONFIG_INVALID', 'id: is required', 'id'));
    expect(await post(null)).toEqual(error(400, 'FERRY_ERR_CONFIG_INVALID', 'body: must be an object, got null'));
    expect(await post([])).toEqual(error(400, 'FERRY_ERR_CONFIG_INVALID', 'body: must be an object, got a list'));
    expect(await post({ id: 'bad id' })).toEqual(error(400, 'FERRY_ERR_CONFIG_INVALID',
      'id: must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit; got "bad id"', 'id'));
    expect(await post({ id: 'a', nmae: 'x' })).toEqual(error(400, 'FERRY_ERR_CONFIG_INVALID', 'nmae: unknown key; did you mean "name"?', 'nmae'));
    expect(await post({ id: 'a', name: '' })).toEqual(error(400, 'FERRY_ERR_CONFIG_INVALID', 'name: must not be empty', 'name'));
    expect(await post({ id: 'a', writeKey: 12345 })).toEqual(error(400, 'FERRY_ERR_CONFIG_INVALID',
      'writeKey: must be a string, got a number; put it in quotes', 'writeKey'));
    expect(await post({ id: 'web' })).toEqual(error(409, 'FERRY_ERR_CONFLICT', "source 'web' already exists", 'id'));
    expect(await post({ id: 'thief', writeKey: WRITE_KEY })).toEqual(error(409, 'FERRY_ERR_CONFLICT',
      'this writeKey already belongs to source "web"', 'writeKey'));
    expect((await c.store.listSources()).map((s) => s.id)).toEqual(['web']);
    expect(c.changes()).toBe(0);
  });

  it('renames a source (no name: none) and sets a key of its own choosing', async () => {
    const c = await open();
    expect(await c.call('PUT', '/api/sources/web', { name: 'Site' })).toEqual({ status: 200, body: { id: 'web', name: 'Site', writeKey: WRITE_KEY, managedByConfig: false } });
    expect(await c.call('PUT', '/api/sources/web', {})).toEqual({ status: 200, body: { id: 'web', writeKey: WRITE_KEY, managedByConfig: false } });
    expect(await c.call('PUT', '/api/sources/web', { writeKey: 'chosen-key-abcd' })).toEqual({ status: 200, body: { id: 'web', writeKey: 'chosen-key-abcd', managedByConfig: false } });
    expect(await track(c, WRITE_KEY)).toBe(401);
    expect(await track(c, 'chosen-key-abcd')).toBe(200);
    expect(await c.call('PUT', '/api/sources/web', { id: 'other' })).toEqual(error(400, 'FERRY_ERR_CONFIG_INVALID',
      'id: unknown key; expected one of: name, writeKey', 'id'));
    expect(await c.call('PUT', '/api/sources/nope', { name: 'x' })).toEqual(error(404, 'FERRY_ERR_NOT_FOUND', "source 'nope' does not exist"));
    await c.call('POST', '/api/sources', { id: 'api', writeKey: 'api-key-00000000' });
    expect(await c.call('PUT', '/api/sources/web', { writeKey: 'api-key-00000000' })).toEqual(error(409, 'FERRY_ERR_CONFLICT',
      'this writeKey already belongs to source "api"', 'writeKey'));
  });

  it('deletes a source; refuses (409) while its events wait for delivery, unless force=true', async () => {
    const c = await open();
    await c.store.insertEvents([newEvent(1, 'ann', { jobs: [{ destinationId: 'intercom', mappingName: 'Identify Contact' }] })]);
    expect(await c.call('DELETE', '/api/sources/web')).toEqual(error(409, 'FERRY_ERR_CONFLICT',
      'source "web" has 1 unfinished delivery (queued, in progress or waiting to retry); wait for them to finish, or delete with force to drop them'));
    expect(await c.call('DELETE', '/api/sources/web?force=yes')).toEqual(error(400, 'FERRY_ERR_REQUEST_INVALID', 'force: must be true or false', 'force'));
    expect(await c.call('DELETE', '/api/sources/web?force=true')).toEqual({ status: 204, body: undefined });
    expect(await c.call('DELETE', '/api/sources/web')).toEqual(error(404, 'FERRY_ERR_NOT_FOUND', "source 'web' does not exist"));
    expect(await c.call('GET', '/api/sources')).toEqual({ status: 200, body: [] });
    expect(await track(c, WRITE_KEY)).toBe(401);
    expect(await c.store.jobStateCounts()).toEqual({});
    expect(c.changes()).toBe(1);
  });

  it('deletes a source without unfinished deliveries straight away', async () => {
    const c = await open();
    await c.call('POST', '/api/sources', { id: 'api' });
    expect(await c.call('DELETE', '/api/sources/api')).toEqual({ status: 204, body: undefined });
    expect((await c.store.listSources()).map((s) => s.id)).toEqual(['web']);
  });
});

describe('POST /api/sources/:id/rotate-write-key', () => {
  it('answers the new key; the old key gets 401 on /v1/identify at once, the new one 200', async () => {
    const c = await open();
    expect(await track(c, WRITE_KEY)).toBe(200);
    const rotated = await c.call('POST', '/api/sources/web/rotate-write-key');
    expect(rotated).toEqual({ status: 200, body: { id: 'web', name: 'Website', writeKey: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), managedByConfig: false } });
    const key = rotated.body.writeKey as string;
    expect(key).not.toBe(WRITE_KEY);
    expect(await track(c, WRITE_KEY)).toBe(401);
    expect(await track(c, key)).toBe(200);
    expect((await c.call('GET', '/api/sources/web')).body.writeKey).toBe(key);
    expect(await c.call('POST', '/api/sources/nope/rotate-write-key')).toEqual(error(404, 'FERRY_ERR_NOT_FOUND', "source 'nope' does not exist"));
  });
});
