// The config export: a file parseConfig loads back to the same configuration, with secrets only as ${ENV} placeholders.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load.js';
import type { FerryConfig } from '../config/model.js';
import { ACCESS_TOKEN, useControlApp, WRITE_KEY } from './test-support/control-app.js';
import { exportConfig } from './config-export.js';

const open = useControlApp();

const tricky: FerryConfig = {
  sources: [{ id: 'web', name: 'Costs ${5} and $${x}', writeKey: 'wk-1' }, { id: 'a.b', writeKey: 'wk-2' }, { id: 'a-b', writeKey: 'wk-3' }],
  destinations: [
    {
      id: 'main', type: 'intercom', name: 'Main', enabled: false,
      settings: { region: 'eu', apiVersion: '2.10', accessToken: 'tok-main', endpoint: 'http://127.0.0.1:4010/x', retry: { baseDelayMs: 20, maxAgeSeconds: 60 }, workspace: { idCode: '0123', name: 'Acme' }, maxConcurrency: 32 },
      mappings: [
        { name: 'Orders', action: 'trackEvent', trigger: 'type = "track" and event = "Order: ${id}"', enabled: true,
          mapping: { event_name: { '@template': '{{event}} ${literal}' }, metadata: { '@path': '$.properties' } } },
        { name: 'yes', action: 'identifyContact', enabled: false },
      ],
    },
    { id: 'sandbox', type: 'intercom', enabled: true, settings: { region: 'us', apiVersion: '2.11' } },
  ],
};

describe('exportConfig', () => {
  it('round-trips through parseConfig: same config once the placeholders are set', () => {
    const exported = exportConfig(tricky.sources, tricky.destinations);
    expect(exported.variables.map((v) => v.name)).toEqual(['FERRY_WRITE_KEY_WEB', 'FERRY_WRITE_KEY_A_B', 'FERRY_WRITE_KEY_A_B_2', 'INTERCOM_ACCESS_TOKEN_MAIN']);
    for (const secret of ['wk-1', 'wk-2', 'wk-3', 'tok-main']) expect(exported.text).not.toContain(secret);
    const env = { FERRY_WRITE_KEY_WEB: 'wk-1', FERRY_WRITE_KEY_A_B: 'wk-2', FERRY_WRITE_KEY_A_B_2: 'wk-3', INTERCOM_ACCESS_TOKEN_MAIN: 'tok-main', FERRY_ALLOW_CUSTOM_ENDPOINTS: '1' };
    expect(parseConfig(exported.text, 'ferry.config.yaml', env).config).toEqual(tricky);
  });

  it('names the variables it needs in its header, and fails to load, naming one, when unset', () => {
    const { text } = exportConfig(tricky.sources.slice(0, 1), []);
    expect(text.split('\n').slice(0, 4)).toEqual([
      '# ferry config, exported from the admin API. Apply it with: ferry start --config <this file>',
      '# Secrets are not in this file; set these environment variables first:',
      '#   FERRY_WRITE_KEY_WEB: the write key of source "web"',
      'sources:',
    ]);
    expect(() => parseConfig(text, 'f.yaml', {})).toThrow('environment variable FERRY_WRITE_KEY_WEB is not set');
  });
});

describe('GET /api/config/export', () => {
  it('answers YAML that loads back to what the store holds, without a secret in it', async () => {
    const c = await open();
    await c.call('POST', '/api/destinations', { id: 'eu', settings: { region: 'eu', accessToken: 'tok-eu-0123456789' }, mappings: [{ name: 'm', action: 'trackEvent' }] });
    const answer = await c.app.inject({ method: 'GET', url: '/api/config/export', headers: { authorization: 'Bearer control-admin-token' } });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(answer.headers['content-disposition']).toBe('attachment; filename="ferry.config.yaml"');
    for (const secret of [ACCESS_TOKEN, 'tok-eu-0123456789', WRITE_KEY]) expect(answer.body).not.toContain(secret);
    expect(answer.body).toContain('accessToken: ${INTERCOM_ACCESS_TOKEN_INTERCOM}');
    const env = { FERRY_WRITE_KEY_WEB: WRITE_KEY, INTERCOM_ACCESS_TOKEN_INTERCOM: ACCESS_TOKEN, INTERCOM_ACCESS_TOKEN_EU: 'tok-eu-0123456789', FERRY_ALLOW_CUSTOM_ENDPOINTS: '1' };
    const loaded = parseConfig(answer.body, 'ferry.config.yaml', env).config;
    expect(loaded.sources).toEqual(await c.store.listSources());
    expect(loaded.destinations).toEqual((await c.store.listDestinations()).map(({ pausedReason: _p, ...d }) => d));
    // Applying it again is idempotent: nothing in the store changes.
    const changes = () => (c.store.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    await c.store.applyConfig(loaded);
    expect(changes()).toBe(before);
  });
});
