// Every structural error a config file can have, each with its exact message: file, line, path, problem.
import { afterAll, describe, expect, it } from 'vitest';
import { checkDestination } from './check-config.js';
import type { Fail } from './checks.js';
import { loadConfigFile } from './load.js';
import { expectConfigError, makeTempDir, yaml, type ExpectedProblem } from './test-support/config-files.js';

const dir = makeTempDir();
afterAll(() => dir.remove());

const source = (...fields: string[]) => yaml('sources:', '  - id: web', ...fields.map((field) => `    ${field}`));
const destination = (...lines: string[]) =>
  yaml('destinations:', '  - id: intercom', '    type: intercom', ...lines.map((line) => `    ${line}`));
const settings = (...lines: string[]) => destination('settings:', ...lines.map((line) => `  ${line}`));
const mapping = (...lines: string[]) =>
  destination('settings: {}', 'mappings:', '  - name: Track Event', ...lines.map((line) => `    ${line}`));

const cases: [string, string, ExpectedProblem][] = [
  ['an empty file', '', { line: 1, path: '', problem: 'the file is empty; expected an object with "sources" and "destinations"' }],
  ['a comment-only file', '# nothing yet\n', { line: 1, path: '', problem: 'the file is empty; expected an object with "sources" and "destinations"' }],
  ['a list at the top', yaml('- id: web'), { line: 1, path: '', problem: 'must be an object with "sources" and "destinations", got a list' }],
  ['a typo at the top', yaml('sources: []', 'destination: []'), { line: 2, path: 'destination', problem: 'unknown key; did you mean "destinations"?' }],
  ['an unrelated key', yaml('version: 2'), { line: 1, path: 'version', problem: 'unknown key; expected one of: sources, destinations' }],
  ['__proto__ at the top', yaml('__proto__:', '  polluted: true'), { line: 1, path: '__proto__', problem: 'unknown key; expected one of: sources, destinations' }],
  ['sources not a list', yaml('sources:', '  id: web'), { line: 1, path: 'sources', problem: 'must be a list, got an object' }],
  ['sources: with nothing after it', yaml('sources:'), { line: 1, path: 'sources', problem: 'must be a list, got null' }],
  ['a source that is a string', yaml('sources:', '  - web'), { line: 2, path: 'sources[0]', problem: 'must be an object, got a string' }],
  ['a source without id', yaml('sources:', '  - writeKey: abc'), { line: 2, path: 'sources[0].id', problem: 'is required' }],
  ['a source without writeKey', source('name: Web'), { line: 2, path: 'sources[0].writeKey', problem: 'is required' }],
  ['an empty writeKey', source('writeKey: ""'), { line: 3, path: 'sources[0].writeKey', problem: 'must not be empty' }],
  ['a numeric writeKey', source('writeKey: 12345'), { line: 3, path: 'sources[0].writeKey', problem: 'must be a string, got a number; put it in quotes' }],
  ['a typo in a source', source('writekey: abc'), { line: 3, path: 'sources[0].writekey', problem: 'unknown key; did you mean "writeKey"?' }],
  ['__proto__ in a source', source('writeKey: abc', '__proto__: {}'), { line: 4, path: 'sources[0].__proto__', problem: 'unknown key; expected one of: id, name, writeKey' }],
  ['an id with spaces', yaml('sources:', '  - id: my web', '    writeKey: abc'), { line: 2, path: 'sources[0].id', problem: 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit; got "my web"' }],
  ['a duplicate source id', yaml('sources:', '  - id: web', '    writeKey: a', '  - id: web', '    writeKey: b'), { line: 4, path: 'sources[1].id', problem: 'duplicate id "web"; sources[0] already uses it' }],
  ['a shared writeKey', yaml('sources:', '  - id: web', '    writeKey: a', '  - id: app', '    writeKey: a'), { line: 5, path: 'sources[1].writeKey', problem: 'sources[0] already uses this writeKey; each source needs its own' }],
  ['a destination without id', yaml('destinations:', '  - type: intercom', '    settings: {}'), { line: 2, path: 'destinations[0].id', problem: 'is required' }],
  ['a destination without type', yaml('destinations:', '  - id: intercom', '    settings: {}'), { line: 2, path: 'destinations[0].type', problem: 'is required' }],
  ['another destination type', yaml('destinations:', '  - id: hubspot', '    type: hubspot', '    settings: {}'), { line: 3, path: 'destinations[0].type', problem: 'must be "intercom" (the only destination type), got "hubspot"' }],
  ['sources not a list', destination('sources: web', 'settings: {}'), { line: 4, path: 'destinations[0].sources', problem: 'must be a list, got a string' }],
  ['a bad source id in sources', destination('sources: [web, "my app"]', 'settings: {}'), { line: 4, path: 'destinations[0].sources[1]', problem: 'must be a source id, got "my app"' }],
  ['a source listed twice', destination('sources: [web, web]', 'settings: {}'), { line: 4, path: 'destinations[0].sources[1]', problem: '"web" is listed twice' }],
  ['an unknown source', yaml('sources:', '  - id: web', '    writeKey: a', 'destinations:', '  - id: intercom', '    type: intercom', '    sources: [web, app]', '    settings: {}'), { line: 7, path: 'destinations[0].sources[1]', problem: 'unknown source "app"; the sources are: "web"' }],
  ['a destination without settings', destination('name: Intercom'), { line: 2, path: 'destinations[0].settings', problem: 'is required' }],
  ['settings: with nothing after it', destination('settings:'), { line: 4, path: 'destinations[0].settings', problem: 'must be an object, got null' }],
  ['a duplicate destination id', yaml('destinations:', '  - {id: intercom, type: intercom, settings: {}}', '  - {id: intercom, type: intercom, settings: {}}'), { line: 3, path: 'destinations[1].id', problem: 'duplicate id "intercom"; destinations[0] already uses it' }],
  ['destination enabled "yes"', destination('enabled: "yes"', 'settings: {}'), { line: 4, path: 'destinations[0].enabled', problem: 'must be true or false, got a string' }],
  ['a typo in settings', settings('regoin: eu'), { line: 5, path: 'destinations[0].settings.regoin', problem: 'unknown key; did you mean "region"?' }],
  ['an unknown region', settings('region: EU'), { line: 5, path: 'destinations[0].settings.region', problem: 'must be one of us, eu, au, got "EU"' }],
  ['an empty accessToken', settings('accessToken: ""'), { line: 5, path: 'destinations[0].settings.accessToken', problem: 'must not be empty' }],
  ['an endpoint that is not a URL', settings('endpoint: localhost:4010'), { line: 5, path: 'destinations[0].settings.endpoint', problem: 'must be an http(s) URL, such as http://127.0.0.1:4010' }],
  ['an ftp endpoint', settings('endpoint: ftp://example.com'), { line: 5, path: 'destinations[0].settings.endpoint', problem: 'must be an http(s) URL, such as http://127.0.0.1:4010' }],
  ['an endpoint with credentials', settings('endpoint: https://user:pw@example.com'), { line: 5, path: 'destinations[0].settings.endpoint', problem: 'must not contain credentials, a query or a fragment' }],
  ['an unquoted apiVersion', settings('apiVersion: 2.11'), { line: 5, path: 'destinations[0].settings.apiVersion', problem: 'must be a string, got a number; put it in quotes' }],
  ['apiVersion 3.0', settings('apiVersion: "3.0"'), { line: 5, path: 'destinations[0].settings.apiVersion', problem: 'must be an Intercom API version like "2.11", got "3.0"' }],
  ['retry not an object', settings('retry: 5'), { line: 5, path: 'destinations[0].settings.retry', problem: 'must be an object, got a number' }],
  ['a zero retry delay', settings('retry:', '  baseDelayMs: 0'), { line: 6, path: 'destinations[0].settings.retry.baseDelayMs', problem: 'must be a positive integer, got 0' }],
  ['a fractional retry delay', settings('retry: {maxDelayMs: 1.5}'), { line: 5, path: 'destinations[0].settings.retry.maxDelayMs', problem: 'must be a positive integer, got 1.5' }],
  ['a retry age as a string', settings('retry: {maxAgeSeconds: "4h"}'), { line: 5, path: 'destinations[0].settings.retry.maxAgeSeconds', problem: 'must be a positive integer, got a string' }],
  ['a base delay above the maximum', settings('retry:', '  baseDelayMs: 5000', '  maxDelayMs: 1000'), { line: 6, path: 'destinations[0].settings.retry.baseDelayMs', problem: 'must not be greater than maxDelayMs (1000)' }],
  ['a typo in retry', settings('retry: {maxDelay: 5}'), { line: 5, path: 'destinations[0].settings.retry.maxDelay', problem: 'unknown key; did you mean "maxDelayMs"?' }],
  ['mappings not a list', destination('settings: {}', 'mappings:', '  name: Track Event'), { line: 5, path: 'destinations[0].mappings', problem: 'must be a list, got an object' }],
  ['a mapping without action', mapping('trigger: type = "track"'), { line: 6, path: 'destinations[0].mappings[0].action', problem: 'is required' }],
  ['a mapping without name', destination('settings: {}', 'mappings:', '  - action: trackEvent'), { line: 6, path: 'destinations[0].mappings[0].name', problem: 'is required' }],
  ['a typo in a mapping', mapping('action: trackEvent', 'triger: type = "track"'), { line: 8, path: 'destinations[0].mappings[0].triger', problem: 'unknown key; did you mean "trigger"?' }],
  ['a numeric trigger', mapping('action: trackEvent', 'trigger: 42'), { line: 8, path: 'destinations[0].mappings[0].trigger', problem: 'must be a string, got a number' }],
  ['a mapping that is a list', mapping('action: trackEvent', 'mapping:', '  - event_name'), { line: 8, path: 'destinations[0].mappings[0].mapping', problem: 'must be an object, got a list' }],
  ['mapping enabled "no"', mapping('action: trackEvent', 'enabled: "no"'), { line: 8, path: 'destinations[0].mappings[0].enabled', problem: 'must be true or false, got a string' }],
  ['a duplicate mapping name', destination('settings: {}', 'mappings:', '  - name: Track Event', '    action: trackEvent', '  - name: Track Event', '    action: identifyContact'), { line: 8, path: 'destinations[0].mappings[1].name', problem: 'duplicate mapping name "Track Event"; destinations[0].mappings[0] already uses it' }],
  ['__proto__ inside a mapping', mapping('action: trackEvent', 'mapping:', '  metadata:', '    __proto__: {admin: true}'), { line: 10, path: 'destinations[0].mappings[0].mapping.metadata.__proto__', problem: 'the key "__proto__" is not allowed' }],
  ['constructor inside a mapping', mapping('action: trackEvent', 'mapping: {constructor: {prototype: {x: 1}}}'), { line: 8, path: 'destinations[0].mappings[0].mapping.constructor', problem: 'the key "constructor" is not allowed' }],
  ['prototype in a list inside a mapping', mapping('action: trackEvent', 'mapping:', '  tags: [{prototype: 1}]'), { line: 9, path: 'destinations[0].mappings[0].mapping.tags[0].prototype', problem: 'the key "prototype" is not allowed' }],
];

describe('config structure errors', () => {
  it.each(cases)('%s', (_title, text, expected) => {
    const file = dir.write('ferry.config.yaml', text);
    expectConfigError(() => loadConfigFile(file, {}), file, expected);
  });
});

describe('a mapping nested 100,000 deep (as an API body could give it, past the file reader)', () => {
  const deepMapping = (leaf: Record<string, unknown>) => {
    let value: unknown = leaf;
    for (let i = 0; i < 100_000; i++) value = i % 2 === 0 ? [value] : { a: value };
    return { metadata: value };
  };
  const destination = (mapping: unknown) =>
    ({ id: 'intercom', type: 'intercom', settings: {}, mappings: [{ name: 'Deep', action: 'trackEvent', mapping }] });
  const fail: Fail = (path, problem) => {
    throw new Error(`${path}: ${problem}`);
  };

  it('is walked without recursion: a reserved key at the bottom is found, none means no error', () => {
    expect(() => checkDestination(destination(deepMapping({ constructor: 1 })), '', fail, { allowCustom: false, trusted: [] }))
      .toThrow(/^mappings\[0\]\.mapping\.metadata(\.a\[0\]){50000}\.constructor: the key "constructor" is not allowed$/);
    expect(checkDestination(destination(deepMapping({ b: 1 })), '', fail, { allowCustom: false, trusted: [] }).mappings).toHaveLength(1);
  });
});
