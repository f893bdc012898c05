// The seam: a second destination defined here alone is configured, routed, delivered, retried and shown by the admin API.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { afterEach, describe, expect, it } from 'vitest';
import { startFerry } from '../commands/start.js';
import type { SqliteStore } from '../store/sqlite/index.js';
import { ADMIN_TOKEN, admin, send, tempDir, waitFor, WRITE_KEY } from '../commands/test-support/ferry.js';
import { defineAction } from './kit/action.js';
import { defineDestination, type DeliveryContext } from './kit/define-destination.js';
import type { DestinationResponse } from './kit/exchange.js';
import { field } from './kit/fields.js';
import { RetrySchema, secret } from './kit/settings.js';
import { createRegistry, DESTINATIONS } from './registry.js';

interface Call {
  method: string;
  path: string;
  body: unknown;
  apiKey: string;
}

/** What the recorder's service answers, in turn; 200 once the script runs out. */
const script: number[] = [];
const calls: Call[] = [];

class RecorderRefusal extends Error {
  constructor(readonly status: number) {
    super(`the recorder answered ${status}`);
  }
}

const record = defineAction({
  key: 'record',
  title: 'Record',
  description: 'Records the event name and the user.',
  defaultTrigger: 'type = "track"',
  fields: {
    name: field.string({ label: 'Name', description: 'what happened', defaultMapping: { '@path': '$.event' } }),
    who: field.string({ label: 'Who', description: 'the user', defaultMapping: { '@path': '$.userId' } }),
  },
  perform: async (payload, context: DeliveryContext) => {
    const answer = await context.api.request('POST', '/records', payload);
    if (answer.status !== 200) throw new RecorderRefusal(answer.status);
  },
});

const recorder = defineDestination({
  key: 'recorder',
  title: 'Recorder',
  description: 'Keeps every call in memory.',
  integrationNames: ['Recorder'],
  settings: Type.Object({
    label: Type.String(),
    apiKey: Type.Optional(secret(Type.String())),
    retry: Type.Optional(RetrySchema),
  }),
  actions: [record],
  hasCredentials: (settings) => typeof settings.apiKey === 'string',
  missingCredentials: { path: 'settings.apiKey', message: 'has no settings.apiKey' },
  createClient: (settings) => ({
    async request(method, path, body): Promise<DestinationResponse> {
      calls.push({ method, path, body, apiKey: String(settings.apiKey) });
      const status = script.shift() ?? 200;
      const exchange = { method, url: `memory:${path}`, body, status, response: { status }, durationMs: 0 };
      return { status, headers: {}, body: { status }, exchange };
    },
    close: async () => {},
  }),
  actionContext: (base) => base,
  classify: (error) => {
    if (!(error instanceof RecorderRefusal)) return undefined;
    if (error.status === 429) return { kind: 'rate-limited', reason: error.message, delayMs: 30 };
    if (error.status >= 500) return { kind: 'retry', reason: error.message, code: `http_${error.status}` };
    return { kind: 'rejected', reason: error.message };
  },
  testConnection: async (settings) => ({ ok: true, workspace: { name: String(settings.label), id_code: 'rec', region: 'memory' } }),
  rateLimitKey: (settings) => String(settings.apiKey),
});

const API_KEY = 'rec-key-0123456789';
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  script.length = 0;
  calls.length = 0;
});

async function startWithRecorder() {
  const dir = tempDir();
  const config = join(dir, 'ferry.config.yaml');
  writeFileSync(config, [
    'sources:',
    `  - { id: web, writeKey: ${WRITE_KEY} }`,
    'destinations:',
    '  - id: rec',
    '    type: recorder',
    '    settings:',
    '      label: In memory',
    `      apiKey: ${API_KEY}`,
    '      retry: { baseDelayMs: 10, maxDelayMs: 20 }',
  ].join('\n'));
  const ferry = await startFerry({
    seedConfig: config, port: 0, host: '127.0.0.1', dataDir: join(dir, 'data'), simPort: 0, quiet: true, adminToken: ADMIN_TOKEN,
    worker: { idlePollMs: 20 }, registry: createRegistry([...DESTINATIONS, recorder]),
  });
  stops.push(ferry.stop);
  return ferry;
}

describe('a second destination, defined in this file only', () => {
  it('is configured, routed, delivered and retried (5xx, then a rate limit) with its own settings and classification', async () => {
    const ferry = await startWithRecorder();
    // No Intercom destination and no credentials missing: no sandbox.
    expect(ferry.sim).toBeUndefined();
    script.push(503, 429);
    expect((await send(ferry.url, '/v1/track', { userId: 'u1', event: 'Signed Up', messageId: 'm1' })).status).toBe(200);
    // Segment's integrations object, by the recorder's own name.
    await send(ferry.url, '/v1/track', { userId: 'u2', event: 'Skipped', messageId: 'm2', integrations: { Recorder: false } });
    await send(ferry.url, '/v1/identify', { userId: 'u3', messageId: 'm3' });

    await waitFor(async () => calls.length >= 3, 10_000, 'three calls to the recorder');
    expect(calls).toEqual(Array.from({ length: 3 }, () => ({
      method: 'POST', path: '/records', body: { name: 'Signed Up', who: 'u1' }, apiKey: API_KEY,
    })));
    await waitFor(async () => (await admin(ferry.url, 'GET', '/api/destinations/rec/deliveries?state=delivered')).body.items.length === 1);
    const { body } = await admin(ferry.url, 'GET', '/api/destinations/rec/deliveries');
    // The identify matched no mapping (filtered); the event the integrations object excluded made no delivery at all.
    expect(body.items.map((d: any) => [d.messageId, d.state, d.action, d.attempts]).sort()).toEqual([
      ['m1', 'delivered', 'record', 3],
      ['m3', 'filtered', null, 0],
    ]);
    const delivered = body.items.find((d: any) => d.messageId === 'm1');
    const detail = (await admin(ferry.url, 'GET', `/api/deliveries/${delivered.id}`)).body;
    expect(detail.attemptLog.map((a: any) => [a.status, a.error?.code ?? null, a.error?.message ?? null])).toEqual([
      ['retrying', 'http_503', 'the recorder answered 503'],
      ['retrying', null, 'the recorder answered 429'],
      ['delivered', null, null],
    ]);
    expect(detail.attemptLog[2].requests).toEqual([
      { method: 'POST', url: 'memory:/records', body: { name: 'Signed Up', who: 'u1' }, status: 200, response: { status: 200 }, durationMs: 0 },
    ]);

    // Its secret setting is sealed at rest, because its schema marks it so.
    const stored = ((ferry.store as SqliteStore).db.prepare("SELECT settings FROM destinations WHERE id = 'rec'").get() as { settings: string }).settings;
    expect(stored).not.toContain(API_KEY);
    expect(JSON.parse(stored)).toMatchObject({ label: 'In memory', apiKey: expect.stringMatching(/^enc:v1:/) });
  });

  it('is shown by the admin API: its settings (secret masked), presets, actions, type, test connection and mapping checks', async () => {
    const ferry = await startWithRecorder();
    const destination = (await admin(ferry.url, 'GET', '/api/destinations/rec')).body;
    expect(destination).toMatchObject({
      id: 'rec', type: 'recorder', enabled: true, presets: true, pausedReason: null,
      settings: { label: 'In memory', apiKey: '****6789', retry: { baseDelayMs: 10, maxDelayMs: 20 } },
      mappings: [{ name: 'Record', action: 'record', trigger: 'type = "track"', enabled: true }],
    });

    const types = (await admin(ferry.url, 'GET', '/api/destination-types')).body.types;
    expect(types.map((t: any) => [t.key, t.secretSettings, t.oauth])).toEqual([['intercom', ['accessToken'], true], ['recorder', ['apiKey'], false]]);
    const type = (await admin(ferry.url, 'GET', '/api/destination-types/recorder')).body;
    expect(Object.keys(type.settings.properties)).toEqual(['label', 'apiKey', 'retry']);
    expect(type.actions[0].fields.map((f: any) => [f.key, f.type, f.defaultMapping])).toEqual([
      ['name', 'string', { '@path': '$.event' }], ['who', 'string', { '@path': '$.userId' }],
    ]);
    expect((await admin(ferry.url, 'GET', '/api/actions?type=recorder')).body.actions.map((a: any) => a.key)).toEqual(['record']);
    expect((await admin(ferry.url, 'GET', '/api/actions')).body.actions.map((a: any) => a.key))
      .toEqual(['identifyContact', 'identifyCompany', 'trackEvent']);

    expect((await admin(ferry.url, 'POST', '/api/destinations/rec/test-connection')).body)
      .toEqual({ ok: true, workspace: { name: 'In memory', id_code: 'rec', region: 'memory' } });
    const oauth = await admin(ferry.url, 'POST', '/api/destinations/rec/oauth/start');
    expect([oauth.status, oauth.body.error.code]).toEqual([409, 'FERRY_ERR_OAUTH_NOT_CONFIGURED']);

    // Mappings are checked against the recorder's actions, not Intercom's.
    const wrong = await admin(ferry.url, 'POST', '/api/destinations/rec/mappings', { name: 'Contacts', action: 'identifyContact' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe("Mapping 'Contacts': unknown action 'identifyContact' (known: record)");
    const added = await admin(ferry.url, 'POST', '/api/destinations/rec/mappings', {
      name: 'Pages', action: 'record', trigger: 'type = "page"', mapping: { name: { '@path': '$.name' } },
    });
    expect(added.status).toBe(201);
    await send(ferry.url, '/v1/page', { userId: 'u4', name: 'Pricing', messageId: 'p1' });
    await waitFor(async () => calls.some((c) => (c.body as { name?: string }).name === 'Pricing'), 10_000, 'the page recorded');

    // A new destination of its type through the API: checked by its settings schema, its secret kept when left out.
    const bad = await admin(ferry.url, 'POST', '/api/destinations', { id: 'rec2', type: 'recorder', settings: { label: 5 } });
    expect([bad.status, bad.body.error.path]).toEqual([400, 'settings.label']);
    const created = await admin(ferry.url, 'POST', '/api/destinations', { id: 'rec2', type: 'recorder', settings: { label: 'Two', apiKey: 'second-key-abcdef' } });
    expect(created.status).toBe(201);
    const renamed = await admin(ferry.url, 'PUT', '/api/destinations/rec2', { settings: { label: 'Second' } });
    expect(renamed.body.settings).toEqual({ label: 'Second', apiKey: '****cdef' });
    const unknown = await admin(ferry.url, 'POST', '/api/destinations', { id: 'x', type: 'webhook' });
    expect(unknown.body.error.message).toBe('type: must be one of "intercom", "recorder", got "webhook"');
  });
});
