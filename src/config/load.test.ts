// Loading real config files: defaults, explicit values, JSON, unreadable files, and the shipped example.
import { chmodSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadConfigFile, parseConfig } from './load.js';
import { makeTempDir, yaml } from './test-support/config-files.js';

const dir = makeTempDir();
afterAll(() => dir.remove());

const minimal = yaml(
  'sources:',
  '  - id: web',
  '    writeKey: wk_1',
  'destinations:',
  '  - id: intercom',
  '    type: intercom',
  '    settings: {}',
);

describe('loadConfigFile', () => {
  it('applies the defaults: region us, apiVersion 2.11, enabled, no mappings list = presets', () => {
    const file = dir.write('ferry.config.yaml', minimal);
    const loaded = loadConfigFile(file, {});
    expect(loaded.file).toBe(file);
    expect(loaded.config).toEqual({
      sources: [{ id: 'web', writeKey: 'wk_1' }],
      destinations: [{ id: 'intercom', type: 'intercom', enabled: true, settings: { region: 'us', apiVersion: '2.11' } }],
    });
    expect('mappings' in loaded.config.destinations[0]!).toBe(false);
  });

  it('defaults missing sources and destinations to empty lists', () => {
    const file = dir.write('ferry.config.yaml', yaml('{}'));
    expect(loadConfigFile(file, {}).config).toEqual({ sources: [], destinations: [] });
  });

  it('keeps every explicit value, an empty mappings list and a mapping enabled by default', () => {
    const file = dir.write(
      'ferry.config.yaml',
      yaml(
        'sources:',
        '  - {id: web, name: Website, writeKey: wk_1}',
        'destinations:',
        '  - id: intercom-eu',
        '    type: intercom',
        '    name: Intercom EU',
        '    enabled: false',
        '    settings:',
        '      accessToken: tok',
        '      region: eu',
        '      endpoint: https://proxy.example.com/intercom',
        '      apiVersion: "2.10"',
        '      retry: {baseDelayMs: 500, maxDelayMs: 60000, maxAgeSeconds: 3600}',
        '    mappings: []',
        '  - id: intercom-us',
        '    type: intercom',
        '    settings: {}',
        '    mappings:',
        '      - {name: Signed Up, action: trackEvent, trigger: event = "Signed Up", enabled: false}',
        '      - {name: Everything, action: trackEvent, trigger: ""}',
      ),
    );
    // R22: the proxy endpoint needs the operator's consent; without it the file is refused where the endpoint is.
    expect(() => loadConfigFile(file, {})).toThrow(
      `${file}:11: destinations[0].settings.endpoint: is not Intercom's host for region "eu" (https://api.eu.intercom.io): ` +
        'the access token is sent only to Intercom, unless ferry is started with FERRY_ALLOW_CUSTOM_ENDPOINTS=1 (for the simulator or a proxy); leave endpoint out to deliver to Intercom',
    );
    const [eu, us] = loadConfigFile(file, { FERRY_ALLOW_CUSTOM_ENDPOINTS: '1' }).config.destinations;
    expect(eu).toEqual({
      id: 'intercom-eu',
      type: 'intercom',
      name: 'Intercom EU',
      enabled: false,
      settings: {
        accessToken: 'tok',
        region: 'eu',
        endpoint: 'https://proxy.example.com/intercom',
        apiVersion: '2.10',
        retry: { baseDelayMs: 500, maxDelayMs: 60000, maxAgeSeconds: 3600 },
      },
      mappings: [],
    });
    expect(us?.mappings).toEqual([
      { name: 'Signed Up', action: 'trackEvent', trigger: 'event = "Signed Up"', enabled: false },
      { name: 'Everything', action: 'trackEvent', trigger: '', enabled: true },
    ]);
  });

  it('reads a .json file to the same config as its YAML twin', () => {
    const json = {
      sources: [{ id: 'web', writeKey: '${WK}' }],
      destinations: [{ id: 'intercom', type: 'intercom', settings: { region: 'au' }, mappings: [{ name: 'T', action: 'trackEvent', mapping: { event_name: { '@path': '$.event' } } }] }],
    };
    const file = dir.write('ferry.config.json', JSON.stringify(json, null, 2));
    const loaded = loadConfigFile(file, { WK: 'wk_1' });
    expect(loaded.config.sources).toEqual([{ id: 'web', writeKey: 'wk_1' }]);
    expect(loaded.config.destinations[0]?.settings).toEqual({ region: 'au', apiVersion: '2.11' });
    expect(loaded.config.destinations[0]?.mappings?.[0]?.mapping).toEqual({ event_name: { '@path': '$.event' } });
    expect(loaded.lineOf('destinations[0].mappings[0].mapping.event_name')).toBe(20);
    const twin = dir.write('ferry.config.yaml', stringify(json));
    expect(loadConfigFile(twin, { WK: 'wk_1' }).config).toEqual(loaded.config);
  });

  it('ignores a byte order mark and counts lines in CRLF files', () => {
    const file = dir.write('ferry.config.yaml', `\uFEFF${minimal.replaceAll('\n', '\r\n')}`);
    const loaded = loadConfigFile(file, {});
    expect(loaded.config.sources[0]?.id).toBe('web');
    expect(loaded.lineOf('destinations[0].settings')).toBe(7);
  });

  it('leaves Object.prototype alone whatever the keys', () => {
    const text = yaml('destinations:', '  - id: d', '    type: intercom', '    settings: {}', '    mappings:', '      - {name: m, action: a, mapping: {x: 1}}');
    expect(() => parseConfig(yaml('__proto__: {polluted: true}'), 'a.yaml', {})).toThrow(/unknown key/);
    expect(() => parseConfig(`${text}          __proto__: {polluted: true}\n`, 'b.yaml', {})).toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parseConfig(text, 'c.yaml', {}).config.destinations[0]?.mappings?.[0]?.mapping)).toBe(Object.prototype);
  });
});

describe('unreadable config files', () => {
  it('names a missing file', () => {
    const file = `${dir.path}/missing.yaml`;
    expect(() => loadConfigFile(file, {})).toThrow(expect.objectContaining({
      code: 'FERRY_ERR_CONFIG_INVALID',
      message: `${file}: cannot read the config file: no such file`,
      details: { file },
    }));
  });

  it('names a directory given as the file', () => {
    expect(() => loadConfigFile(dir.path, {})).toThrow(`${dir.path}: cannot read the config file: it is a directory`);
  });

  it('refuses a file over 1 MB, and reads no more than 1 MB and a byte of an endless one like /dev/zero', () => {
    const atLimit = `${minimal}#${'x'.repeat(1024 * 1024 - minimal.length - 2)}\n`;
    expect(Buffer.byteLength(atLimit)).toBe(1024 * 1024);
    expect(loadConfigFile(dir.write('at-limit.yaml', atLimit), {}).config.sources[0]?.id).toBe('web');
    const over = dir.write('over.yaml', `${atLimit}\n`);
    expect(() => loadConfigFile(over, {})).toThrow(expect.objectContaining({
      code: 'FERRY_ERR_CONFIG_INVALID', message: `${over}: the config file is larger than 1 MB, the most ferry reads`, details: { file: over },
    }));
    expect(() => loadConfigFile('/dev/zero', {})).toThrow('/dev/zero: the config file is larger than 1 MB, the most ferry reads');
  });

  it.skipIf(process.getuid?.() === 0)('names a file it may not read', () => {
    const file = dir.write('locked.yaml', minimal);
    chmodSync(file, 0o000);
    expect(() => loadConfigFile(file, {})).toThrow(`${file}: cannot read the config file: permission denied`);
  });
});

describe('examples/ferry.config.yaml', () => {
  const example = fileURLToPath(new URL('../../examples/ferry.config.yaml', import.meta.url));
  const env = { FERRY_WRITE_KEY: 'wk_example', INTERCOM_ACCESS_TOKEN: 'tok_example' };

  it('parses with its variables set, with the three mappings written out', () => {
    const { config, lineOf } = loadConfigFile(example, env);
    expect(config.sources).toEqual([{ id: 'website', name: 'Marketing website', writeKey: 'wk_example' }]);
    const [destination] = config.destinations;
    expect(destination?.settings).toMatchObject({ accessToken: 'tok_example', region: 'us', apiVersion: '2.11' });
    expect(destination?.settings.endpoint).toBeUndefined();
    expect(destination?.mappings?.map((m) => [m.name, m.action, m.trigger, m.enabled])).toEqual([
      ['Identify Contact', 'identifyContact', 'type = "identify"', true],
      ['Identify Company', 'identifyCompany', 'type = "group"', true],
      ['Track Event', 'trackEvent', 'type = "track"', true],
    ]);
    expect(destination?.mappings?.[0]?.mapping).toMatchObject({ external_id: { '@path': '$.userId' }, email: { '@path': '$.traits.email' } });
    expect(destination?.mappings?.[1]?.mapping).toMatchObject({ company_id: { '@path': '$.groupId' }, name: { '@path': '$.traits.name' } });
    expect(destination?.mappings?.[2]?.mapping).toEqual({
      event_name: { '@path': '$.event' },
      created_at: { '@path': '$.timestamp' },
      user_id: { '@path': '$.userId' },
      metadata: { '@path': '$.properties' },
    });
    expect(lineOf('destinations[0].mappings[2].trigger')).toBeGreaterThan(lineOf('destinations[0].mappings[1].trigger')!);
  });

  it('names the token variable when it is not set', () => {
    expect(() => loadConfigFile(example, { FERRY_WRITE_KEY: 'wk' })).toThrow(
      /ferry\.config\.yaml:\d+: destinations\[0\]\.settings\.accessToken: environment variable INTERCOM_ACCESS_TOKEN is not set$/,
    );
  });
});
