// lineOf: the line of any dotted path in a loaded config, or of its nearest existing parent.
import { afterAll, describe, expect, it } from 'vitest';
import { childPath, formatPath, parsePath } from './config-path.js';
import { loadConfigFile } from './load.js';
import { makeTempDir, yaml } from './test-support/config-files.js';

const dir = makeTempDir();
afterAll(() => dir.remove());

const text = yaml(
  '# ferry config', //                                    1
  'sources:', //                                           2
  '  - id: web', //                                        3
  '    writeKey: wk', //                                   4
  'destinations:', //                                      5
  '  - id: intercom', //                                   6
  '    type: intercom', //                                 7
  '    settings:', //                                      8
  '      region: eu', //                                   9
  '      retry:', //                                       10
  '        maxDelayMs: 1000', //                           11
  '    mappings:', //                                      12
  '      - name: Identify', //                             13
  '        action: identifyContact', //                    14
  '      - name: Track', //                                15
  '        action: trackEvent', //                         16
  '        trigger: >-', //                                17
  '          type = "track"', //                           18
  '        mapping:', //                                   19
  '          metadata: { "@path": "$.properties" }', //    20
  '          "odd.key": { "@template": "{{event}}" }', //  21
  '          tags:', //                                    22
  '            - { "@path": "$.a" }', //                   23
  '            - { "@path": "$.b" }', //                   24
);

describe('lineOf', () => {
  const file = dir.write('ferry.config.yaml', text);
  const { lineOf } = loadConfigFile(file, {});

  it.each([
    ['', 2],
    ['sources', 2],
    ['sources[0]', 3],
    ['sources[0].writeKey', 4],
    ['destinations[0].settings.region', 9],
    ['destinations[0].settings.retry.maxDelayMs', 11],
    ['destinations[0].mappings', 12],
    ['destinations[0].mappings[1]', 15],
    ['destinations[0].mappings[1].trigger', 17],
    ['destinations[0].mappings[1].mapping.metadata', 20],
    ['destinations[0].mappings[1].mapping.metadata.@path', 20],
    ['destinations[0].mappings[1].mapping["odd.key"].@template', 21],
    ['destinations[0].mappings[1].mapping.tags[1]', 24],
    ['destinations[0].mappings[1].mapping.tags[1].@path', 24],
  ])('%s is on line %i', (path, line) => {
    expect(lineOf(path)).toBe(line);
  });

  it.each([
    ['destinations[0].mappings[0].trigger', 13],
    ['destinations[0].mappings[7].trigger', 12],
    ['destinations[0].settings.endpoint', 8],
    ['destinations[0].settings.retry.baseDelayMs', 10],
    ['destinations[3]', 5],
    ['nothing.here', 2],
  ])('%s does not exist: its nearest parent %i', (path, line) => {
    expect(lineOf(path)).toBe(line);
  });

  it('answers undefined for text that is not a path', () => {
    expect(lineOf('destinations[0]..id')).toBeUndefined();
    expect(lineOf('.sources')).toBeUndefined();
    expect(lineOf('sources[x]')).toBeUndefined();
  });
});

describe('config paths', () => {
  it('writes keys after dots, indexes in brackets and odd keys quoted', () => {
    expect(formatPath(['destinations', 0, 'mappings', 2, 'trigger'])).toBe('destinations[0].mappings[2].trigger');
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(childPath('mapping', 'odd.key')).toBe('mapping["odd.key"]');
    expect(childPath('mapping', '')).toBe('mapping[""]');
    expect(childPath('', '@path')).toBe('@path');
  });

  it('reads back what it writes', () => {
    const segments = ['mapping', 'a.b', 'x[1]', 3, 'say "hi"', '', '@path', '0'];
    expect(parsePath(formatPath(segments))).toEqual(segments);
    expect(parsePath('')).toEqual([]);
    expect(parsePath('a[')).toBeUndefined();
  });
});
