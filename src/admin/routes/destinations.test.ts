// The destinations routes through fastify inject on a real SQLite store: CRUD, write-only token, enable, delete, 4xx.
import { describe, expect, it } from 'vitest';
import { PRESET_MAPPINGS } from '../../destinations/intercom/index.js';
import { newEvent } from '../../store/contract/fixtures.js';
import { ACCESS_TOKEN, error, UNAUTHORIZED, useControlApp } from '../test-support/control-app.js';

const open = useControlApp();
const presets = () => PRESET_MAPPINGS.map((preset) => ({ ...preset }));
const MASKED = `****${ACCESS_TOKEN.slice(-4)}`;
const intercom = (extra: object = {}, settings: object = {}) => ({
  id: 'intercom', type: 'intercom', name: 'Intercom', enabled: true,
  settings: { region: 'us', apiVersion: '2.11', accessToken: MASKED, endpoint: 'http://127.0.0.1:9', ...settings },
  presets: true, mappings: presets(), pausedReason: null, sources: null, managedByConfig: false, ...extra,
});
const invalid = (message: string, path?: string) => error(400, 'FERRY_ERR_CONFIG_INVALID', message, path);

describe('destinations: authentication', () => {
  it('answers 401 on every route without the admin token or with a wrong one', async () => {
    const c = await open();
    const routes: [string, string][] = [
      ['GET', '/api/destinations'], ['POST', '/api/destinations'], ['GET', '/api/destinations/intercom'],
      ['PUT', '/api/destinations/intercom'], ['DELETE', '/api/destinations/intercom'],
      ['POST', '/api/destinations/intercom/enable'], ['POST', '/api/destinations/intercom/disable'],
      ['POST', '/api/destinations/intercom/test-connection'], ['GET', '/api/config/export'],
    ];
    for (const [method, url] of routes) {
      for (const authorization of [null, 'Bearer wrong-token', 'control-admin-token', `Bearer ${ACCESS_TOKEN}`]) {
        expect(await c.call(method, url, method === 'GET' ? undefined : { id: 'x' }, authorization), `${method} ${url}`).toEqual(UNAUTHORIZED);
      }
    }
    expect((await c.store.listDestinations()).map((d) => d.id)).toEqual(['intercom']);
  });
});

describe('destinations: read and create', () => {
  it('lists and reads destinations with the access token masked, presets listed', async () => {
    const c = await open();
    expect(await c.call('GET', '/api/destinations')).toEqual({ status: 200, body: [intercom()] });
    expect(await c.call('GET', '/api/destinations/intercom')).toEqual({ status: 200, body: intercom() });
    expect(await c.call('GET', '/api/destinations/nope')).toEqual(error(404, 'FERRY_ERR_NOT_FOUND', "destination 'nope' does not exist"));
  });

  it('creates a destination: defaults filled in, mappings kept, live at once', async () => {
    const c = await open();
    const mappings = [{ name: 'Orders', action: 'trackEvent', trigger: 'type = "track"', enabled: true }];
    const created = await c.call('POST', '/api/destinations', { id: 'eu-app', settings: { region: 'eu', accessToken: 'tok_eu_0123456789' }, mappings });
    expect(created).toEqual({ status: 201, body: {
      id: 'eu-app', type: 'intercom', enabled: true, settings: { region: 'eu', apiVersion: '2.11', accessToken: '****6789' },
      presets: false, mappings, pausedReason: null, sources: null, managedByConfig: false,
    } });
    expect(c.changes()).toBe(1);
    const stored = (await c.store.listDestinations())[1]!;
    expect(stored.settings.accessToken).toBe('tok_eu_0123456789');
    // A bare one: sandbox-style, no token, presets.
    expect(await c.call('POST', '/api/destinations', { id: 'bare' })).toEqual({ status: 201, body: {
      id: 'bare', type: 'intercom', enabled: true, settings: { region: 'us', apiVersion: '2.11' }, presets: true, mappings: presets(), pausedReason: null, sources: null, managedByConfig: false,
    } });
  });

  it('refuses what the config file refuses, with its messages and the path in the body; a taken id with 409', async () => {
    const c = await open();
    const post = (body?: unknown) => c.call('POST', '/api/destinations', body);
    expect(await post()).toEqual(invalid('id: is required', 'id'));
    expect(await post({ id: 'd', type: 'segment' })).toEqual(invalid('type: must be "intercom" (the only destination type), got "segment"', 'type'));
    expect(await post({ id: 'd', settings: { region: 'mars' } })).toEqual(invalid('settings.region: must be one of us, eu, au, got "mars"', 'settings.region'));
    expect(await post({ id: 'd', settings: { endpoint: 'ftp://x' } })).toEqual(invalid(
      'settings.endpoint: must be an http(s) URL, such as http://127.0.0.1:4010', 'settings.endpoint'));
    expect(await post({ id: 'd', settings: { apiVersion: 2.11 } })).toEqual(invalid(
      'settings.apiVersion: must be a string, got a number; put it in quotes', 'settings.apiVersion'));
    expect(await post({ id: 'd', settings: { retry: { baseDelayMs: 0 } } })).toEqual(invalid(
      'settings.retry.baseDelayMs: must be a positive integer, got 0', 'settings.retry.baseDelayMs'));
    expect(await post({ id: 'd', settings: { retry: { baseDelayMs: 500, maxDelayMs: 100 } } })).toEqual(invalid(
      'settings.retry.baseDelayMs: must not be greater than maxDelayMs (100)', 'settings.retry.baseDelayMs'));
    expect(await post({ id: 'd', settings: { acessToken: 'x' } })).toEqual(invalid(
      'settings.acessToken: unknown key; did you mean "accessToken"?', 'settings.acessToken'));
    expect(await post({ id: 'd', enabled: 'yes' })).toEqual(invalid('enabled: must be true or false, got a string', 'enabled'));
    expect(await post({ id: 'd', mappings: [{ name: 'm', action: 'sendEmail' }] })).toEqual(error(400, 'FERRY_ERR_UNKNOWN_ACTION',
      "Mapping 'm': unknown action 'sendEmail' (known: identifyContact, identifyCompany, trackEvent)", 'mappings[0].action'));
    expect(await post({ id: 'intercom' })).toEqual(error(409, 'FERRY_ERR_CONFLICT', "destination 'intercom' already exists", 'id'));
    expect((await c.store.listDestinations()).map((d) => d.id)).toEqual(['intercom']);
    expect(c.changes()).toBe(0);
  });
});

describe('destinations: update', () => {
  it('replaces settings but keeps the stored token when the body leaves it out or sends the mask back', async () => {
    const c = await open();
    const put = (body: unknown) => c.call('PUT', '/api/destinations/intercom', body);
    expect(await put({ settings: { region: 'eu', endpoint: 'http://127.0.0.1:9/' } })).toEqual({
      status: 200, body: intercom({}, { region: 'eu', endpoint: 'http://127.0.0.1:9/' }),
    });
    expect(await put({ name: 'Support', settings: { region: 'eu', endpoint: 'http://127.0.0.1:9', accessToken: MASKED } })).toEqual({
      status: 200, body: intercom({ name: 'Support' }, { region: 'eu' }),
    });
    expect((await c.store.listDestinations())[0]!.settings.accessToken).toBe(ACCESS_TOKEN);
    expect(await put({ enabled: false })).toMatchObject({ status: 200, body: { name: 'Support', enabled: false } });
    expect((await put({ settings: { accessToken: 'tok_new_0123456789' } })).body.settings).toEqual({ region: 'us', apiVersion: '2.11', accessToken: '****6789' });
    expect((await c.store.listDestinations())[0]!.settings.accessToken).toBe('tok_new_0123456789');
    expect((await put({ settings: { accessToken: null } })).body.settings).toEqual({ region: 'us', apiVersion: '2.11' });
    expect(c.changes()).toBe(5);
  });

  it('keeps the OAuth workspace with a kept token, drops it with a new one; clears a pause on new settings', async () => {
    const c = await open();
    const [stored] = await c.store.listDestinations();
    const { pausedReason: _p, ...config } = stored!;
    await c.store.upsertDestination({ ...config, settings: { ...config.settings, workspace: { idCode: 'abc1', name: 'Acme' } } });
    await c.store.setDestinationPaused('intercom', 'Intercom answered 401');
    const put = (body: unknown) => c.call('PUT', '/api/destinations/intercom', body);
    expect((await put({ name: 'Renamed' })).body).toMatchObject({ pausedReason: 'Intercom answered 401', settings: { workspace: { idCode: 'abc1', name: 'Acme' } } });
    const kept = await put({ settings: { endpoint: 'http://127.0.0.1:9' } });
    expect(kept.body.settings).toEqual(intercom({}, { workspace: { idCode: 'abc1', name: 'Acme' } }).settings);
    const replaced = await put({ settings: { accessToken: 'tok_other_0123456789' } });
    expect(replaced.body.settings).toEqual({ region: 'us', apiVersion: '2.11', accessToken: '****6789' });
    expect(replaced.body.pausedReason).toBeNull();
  });

  it('refuses a bad body with the config file messages, and an unknown destination with 404', async () => {
    const c = await open();
    const put = (body: unknown, id = 'intercom') => c.call('PUT', `/api/destinations/${id}`, body);
    expect(await put({ id: 'x' })).toEqual(invalid('id: unknown key; expected one of: name, enabled, sources, settings', 'id'));
    expect(await put({ mappings: [] })).toEqual(invalid('mappings: unknown key; expected one of: name, enabled, sources, settings', 'mappings'));
    expect(await put({ settings: [] })).toEqual(invalid('settings: must be an object, got a list', 'settings'));
    expect(await put({ settings: { accessToken: '' } })).toEqual(invalid('settings.accessToken: must not be empty', 'settings.accessToken'));
    expect(await put({ settings: { endpoint: 'http://u:p@host' } })).toEqual(invalid(
      'settings.endpoint: must not contain credentials, a query or a fragment', 'settings.endpoint'));
    expect(await put({ name: 'x' }, 'nope')).toEqual(error(404, 'FERRY_ERR_NOT_FOUND', "destination 'nope' does not exist"));
    expect((await c.call('GET', '/api/destinations/intercom')).body).toEqual(intercom());
  });

  it('enables and disables: a disabled destination gets no new deliveries', async () => {
    const c = await open();
    expect(await c.call('POST', '/api/destinations/intercom/disable')).toEqual({ status: 200, body: intercom({ enabled: false }) });
    const identify = { userId: 'u1', traits: { email: 'u1@example.com' } };
    const send = () => c.app.inject({ method: 'POST', url: '/v1/identify', payload: { ...identify, writeKey: 'wk-web-0123456789' } });
    expect((await send()).statusCode).toBe(200);
    expect(await c.store.jobStateCounts()).toEqual({});
    expect(await c.call('POST', '/api/destinations/intercom/enable')).toEqual({ status: 200, body: intercom() });
    expect((await send()).statusCode).toBe(200);
    expect(await c.store.jobStateCounts()).toEqual({ pending: 1 });
    expect(await c.call('POST', '/api/destinations/nope/enable')).toEqual(error(404, 'FERRY_ERR_NOT_FOUND', "destination 'nope' does not exist"));
    expect(c.changes()).toBe(2);
  });
});

describe('destinations: delete', () => {
  it('refuses (409) while deliveries are unfinished, deletes with force=true, 404 after', async () => {
    const c = await open();
    await c.store.insertEvents([newEvent(1, 'ann', { jobs: [{ destinationId: 'intercom', mappingName: 'Identify Contact' }] })]);
    expect(await c.call('DELETE', '/api/destinations/intercom')).toEqual(error(409, 'FERRY_ERR_CONFLICT',
      'destination "intercom" has 1 unfinished delivery (queued, in progress or waiting to retry); wait for them to finish, or delete with force to drop them'));
    expect(c.changes()).toBe(0);
    expect(await c.call('DELETE', '/api/destinations/intercom?force=true')).toEqual({ status: 204, body: undefined });
    expect(await c.call('DELETE', '/api/destinations/intercom')).toEqual(error(404, 'FERRY_ERR_NOT_FOUND', "destination 'intercom' does not exist"));
    expect(await c.call('GET', '/api/destinations')).toEqual({ status: 200, body: [] });
    expect(await c.store.jobStateCounts()).toEqual({});
    expect(c.changes()).toBe(1);
  });

  it('deletes one without unfinished deliveries straight away', async () => {
    const c = await open();
    await c.call('POST', '/api/destinations', { id: 'spare' });
    expect(await c.call('DELETE', '/api/destinations/spare')).toEqual({ status: 204, body: undefined });
    expect((await c.store.listDestinations()).map((d) => d.id)).toEqual(['intercom']);
  });
});

describe('destinations: secrets and the OpenAPI document', () => {
  it('never shows the access token in any answer', async () => {
    const c = await open();
    await c.call('GET', '/api/destinations');
    await c.call('GET', '/api/destinations/intercom');
    await c.call('PUT', '/api/destinations/intercom', { name: 'x' });
    await c.call('POST', '/api/destinations/intercom/disable');
    await c.call('POST', '/api/destinations/intercom/test-connection');
    await c.call('POST', '/api/destinations', { id: 'two', settings: { accessToken: `${ACCESS_TOKEN}2` } });
    await c.call('GET', '/api/config/export');
    expect(c.bodies.length).toBe(7);
    for (const body of c.bodies) expect(body).not.toContain(ACCESS_TOKEN.slice(0, -4));
  });

  it('documents every route with its body and answers', async () => {
    const c = await open();
    const { paths } = (await c.call('GET', '/api/openapi.json')).body;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining([
      '/api/sources', '/api/sources/{id}', '/api/sources/{id}/rotate-write-key', '/api/destinations', '/api/destinations/{id}',
      '/api/destinations/{id}/enable', '/api/destinations/{id}/disable', '/api/destinations/{id}/test-connection', '/api/config/export',
    ]));
    expect(paths['/api/destinations'].post.requestBody.content['application/json'].schema.properties.settings.properties.region.anyOf)
      .toEqual([{ type: 'string', enum: ['us'] }, { type: 'string', enum: ['eu'] }, { type: 'string', enum: ['au'] }]);
    expect(paths['/api/destinations/{id}'].delete.responses).toHaveProperty('409');
    expect(paths['/api/config/export'].get.responses['200'].content).toHaveProperty('application/yaml');
  });
});
