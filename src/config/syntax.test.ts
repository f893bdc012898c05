// YAML and JSON syntax errors, and YAML features a config cannot use, each reported with file and line.
import { afterAll, describe, expect, it } from 'vitest';
import { FerryError } from '../errors.js';
import { loadConfigFile } from './load.js';
import { expectConfigError, makeTempDir, yaml, type ExpectedProblem } from './test-support/config-files.js';

const dir = makeTempDir();
afterAll(() => dir.remove());

const yamlCases: [string, string, ExpectedProblem][] = [
  ['an unclosed flow list', yaml('sources: []', 'destinations: [', 'x: 1'), { line: 3, path: '', problem: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (column 1)' }],
  ['a tab used as indentation', yaml('sources:', '\t- id: web'), { line: 2, path: '', problem: 'invalid YAML: Tabs are not allowed as indentation (column 1)' }],
  ['a repeated key', yaml('sources: []', 'destinations: []', 'sources: []'), { line: 3, path: '', problem: 'invalid YAML: Map keys must be unique (column 1)' }],
  ['an unterminated quote', yaml('sources:', '  - id: "web'), { line: 3, path: '', problem: 'invalid YAML: Missing closing "quote (column 1)' }],
  ['two documents', yaml('sources: []', '---', 'destinations: []'), { line: 2, path: '', problem: 'invalid YAML: Source contains multiple documents; please use YAML.parseAllDocuments() (column 1)' }],
  ['an alias without anchor', yaml('sources: *web'), { line: 1, path: 'sources', problem: 'alias *web has no anchor' }],
  ['an alias inside itself', yaml('sources: &s', '  - *s'), { line: 2, path: 'sources[0]', problem: 'alias *s contains itself' }],
  ['a merge key', yaml('%YAML 1.1', '---', 'sources:', '  - &web {id: web, writeKey: a}', '  - <<: *web', '    id: app'), { line: 5, path: 'sources[1]', problem: 'merge keys (<<) are not supported; repeat the keys or alias the whole value' }],
  ['a list as a key', yaml('? [a, b]', ': 1'), { line: 1, path: '', problem: 'keys must be strings' }],
  ['an empty key', yaml('sources: []', ': 1'), { line: 2, path: '', problem: 'empty key' }],
  ['an infinite number', yaml('destinations:', '  - settings:', '      retry: {baseDelayMs: .inf}'), { line: 3, path: 'destinations[0].settings.retry.baseDelayMs', problem: 'must be a finite number (.inf and .nan are not supported)' }],
  ['a binary value', yaml('%YAML 1.1', '---', 'sources:', '  - writeKey: !!binary aGVsbG8='), { line: 4, path: 'sources[0].writeKey', problem: 'unsupported value of type tag:yaml.org,2002:binary; use a string, number, true/false or null' }],
  ['a deeply nested mapping', yaml('sources:', `  - ${'{a: '.repeat(70)}1${'}'.repeat(70)}`), { line: 2, path: `sources[0]${'.a'.repeat(63)}`, problem: 'nested more than 64 levels deep' }],
  // yaml composes with a level of recursion per level: these are refused before, instead of overflowing the stack.
  ['flow lists nested 10,000 deep', yaml('sources: []', `destinations: ${'['.repeat(10_000)}${']'.repeat(10_000)}`), { line: 2, path: `destinations${'[0]'.repeat(64)}`, problem: 'nested more than 64 levels deep' }],
  ['flow maps nested 100,000 deep', yaml(`sources: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}`), { line: 1, path: `sources${'.a'.repeat(64)}`, problem: 'nested more than 64 levels deep' }],
  ['block lists nested 1,000 deep', yaml('sources:', `  ${'- '.repeat(1000)}x`), { line: 2, path: `sources${'[0]'.repeat(64)}`, problem: 'nested more than 64 levels deep' }],
  ['a deep list as a key', yaml(`? ${'['.repeat(10_000)}${']'.repeat(10_000)}`, ': 1'), { line: 1, path: `?${'[0]'.repeat(64)}`, problem: 'nested more than 64 levels deep' }],
];

describe('YAML syntax and unsupported YAML', () => {
  it.each(yamlCases)('%s', (_title, text, expected) => {
    const file = dir.write('ferry.config.yaml', text);
    expectConfigError(() => loadConfigFile(file, {}), file, expected);
  });

  it('stops an alias bomb instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level++) {
      const [name, previous] = [String.fromCharCode(97 + level), String.fromCharCode(96 + level)];
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    const file = dir.write('bomb.yaml', yaml(...levels));
    const error = expectThrown(() => loadConfigFile(file, {}));
    expect(error.message).toMatch(/: too many values \(more than 100000, counting repeats through aliases\)$/);
    expect(error.message.startsWith(`${file}:`)).toBe(true);
  });
});

function expectThrown(run: () => unknown): FerryError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FerryError);
    expect((error as FerryError).code).toBe('FERRY_ERR_CONFIG_INVALID');
    return error as FerryError;
  }
  throw new Error('expected a FerryError');
}

// V8 writes the reason; its wording may change between Node versions, so the reason is matched loosely.
const jsonCases: [string, string, number, RegExp][] = [
  ['a trailing comma', '{\n  "sources": [],\n}\n', 3, /^Expected double-quoted property name$/],
  ['a comment', '{\n  "sources": [] // none yet\n}\n', 2, /^Expected ',' or '}' after property value$/],
  ['a missing closing brace', '{\n  "sources": [\n    {"id": "web", "writeKey": "a"}\n  ]\n', 5, /^Expected ',' or '}' after property value$/],
  ['text after the document', '{"sources": []}\nsources: []\n', 2, /^Unexpected non-whitespace character after JSON$/],
  ['an empty file', '', 1, /^Unexpected end of JSON input$/],
];

describe('JSON config files', () => {
  it.each(jsonCases)('refuses %s with the line', (_title, text, line, reason) => {
    const file = dir.write('ferry.config.json', text);
    const error = expectThrown(() => loadConfigFile(file, {}));
    const prefix = `${file}:${line}: invalid JSON: `;
    expect(error.message.startsWith(prefix)).toBe(true);
    expect(error.message.slice(prefix.length)).toMatch(reason);
    expect(error.details).toEqual({ file, path: '', line });
  });

  it('refuses nesting past 64 levels with the line and path, even 100,000 deep', () => {
    const file = dir.write('ferry.config.json', `{\n  "sources": [],\n  "destinations": ${'[{"a":'.repeat(50_000)}1${'}]'.repeat(50_000)}\n}\n`);
    const path = `destinations${'[0].a'.repeat(32)}`;
    expectConfigError(() => loadConfigFile(file, {}), file, { line: 3, path, problem: 'nested more than 64 levels deep' });
  });

  it('refuses a repeated key, which JSON.parse would silently accept', () => {
    const file = dir.write('ferry.config.json', '{\n  "sources": [],\n  "sources": [{"id": "web"}]\n}\n');
    expectConfigError(() => loadConfigFile(file, {}), file, { line: 3, path: '', problem: 'invalid JSON: Map keys must be unique (column 3)' });
  });

  it('never quotes the file text in a JSON error, since it may hold a token', () => {
    const file = dir.write('secret.json', '{"sources": [{"id": "web", "writeKey": "sk_live_123"}], }');
    const error = expectThrown(() => loadConfigFile(file, {}));
    expect(error.message).not.toContain('sk_live_123');
  });

  it('reports structural errors in JSON with the line of the key', () => {
    const text = '{\n  "sources": [\n    {\n      "id": "web",\n      "writekey": "a"\n    }\n  ]\n}\n';
    const file = dir.write('ferry.config.json', text);
    expectConfigError(() => loadConfigFile(file, {}), file, { line: 5, path: 'sources[0].writekey', problem: 'unknown key; did you mean "writeKey"?' });
  });
});
