// Property: whatever the text, parseConfig returns a config or throws FERRY_ERR_CONFIG_INVALID naming the file.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { FerryError } from '../errors.js';
import { parseConfig } from './load.js';

const env = { FERRY_WRITE_KEY: 'wk', INTERCOM_ACCESS_TOKEN: 'tok', EMPTY: '' };
const RUNS = { numRuns: 1000 };

/** Either a loaded config with sane lines, or the one error ferry promises; anything else fails the property. */
function checkOutcome(text: string, file: string): void {
  let loaded;
  try {
    loaded = parseConfig(text, file, env);
  } catch (error) {
    if (!(error instanceof FerryError)) throw error;
    expect(error.code).toBe('FERRY_ERR_CONFIG_INVALID');
    expect(error.message.startsWith(`${file}:`)).toBe(true);
    expect(error.details.file).toBe(file);
    expect(Number.isInteger(error.details.line) && error.details.line! >= 1).toBe(true);
    return;
  }
  expect(Array.isArray(loaded.config.sources) && Array.isArray(loaded.config.destinations)).toBe(true);
  expect(loaded.lineOf('')).toBeGreaterThanOrEqual(1);
}

const yamlish = fc.string({
  unit: fc.constantFrom(...'ab:- \n\t[]{},&*!|>\'"%@#?$<{}.~0123456789xyz_\\'.split(''), 'sources', 'destinations',
    'id', 'writeKey', 'settings', 'mappings', '${FERRY_WRITE_KEY}', '${NOPE}', '$${', '__proto__', '  ', '\n  - '),
  maxLength: 200,
});

const junk = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('${FERRY_WRITE_KEY}', '${NOPE}', 'Bearer ${INTERCOM_ACCESS_TOKEN}', '$${X}', '${', '${EMPTY}'),
  fc.constantFrom('us', 'eu', 'au', 'intercom', '2.11', 'http://127.0.0.1:4010', 'trackEvent', 'type = "track"'),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', '@path', 'x'), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);
const field = <T>(value: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: value }, { weight: 1, arbitrary: junk });
const withTypos = (record: fc.Arbitrary<Record<string, unknown>>) =>
  fc.tuple(record, fc.option(fc.constantFrom('writekey', 'regoin', '__proto__', 'triger', 'extra'), { freq: 4 }))
    .map(([object, typo]) => (typo === null ? object : { ...object, [typo]: 1 }));

const mapping = withTypos(fc.record(
  { name: field(fc.constantFrom('A', 'B', 'Track Event')), action: field(fc.constantFrom('trackEvent', 'identifyContact')),
    trigger: field(fc.constant('type = "track"')), mapping: field(fc.jsonValue({ maxDepth: 3 })), enabled: field(fc.boolean()) },
  { requiredKeys: [] },
));
const settings = withTypos(fc.record(
  { accessToken: field(fc.constant('${INTERCOM_ACCESS_TOKEN}')), region: field(fc.constantFrom('us', 'eu', 'au', 'EU')),
    endpoint: field(fc.constantFrom('http://127.0.0.1:4010', 'ftp://x', 'https://u:p@h')), apiVersion: field(fc.constantFrom('2.11', '2.9', '3')),
    retry: field(fc.record({ baseDelayMs: field(fc.nat(5000)), maxDelayMs: field(fc.nat(5000)) }, { requiredKeys: [] })) },
  { requiredKeys: [] },
));
const destination = withTypos(fc.record(
  { id: field(fc.constantFrom('intercom', 'eu', 'bad id')), type: field(fc.constant('intercom')), enabled: field(fc.boolean()),
    settings: field(settings), mappings: field(fc.array(mapping, { maxLength: 3 })) },
  { requiredKeys: [] },
));
const source = withTypos(fc.record(
  { id: field(fc.constantFrom('web', 'app')), name: field(fc.string({ maxLength: 5 })), writeKey: field(fc.constantFrom('${FERRY_WRITE_KEY}', 'k1', 'k2')) },
  { requiredKeys: [] },
));
const document = withTypos(fc.record(
  { sources: field(fc.array(source, { maxLength: 3 })), destinations: field(fc.array(destination, { maxLength: 3 })) },
  { requiredKeys: [] },
));

const example = readFileSync(new URL('../../examples/ferry.config.yaml', import.meta.url), 'utf8');
const edit = fc.tuple(fc.nat(example.length), fc.nat(12), fc.string({ maxLength: 6 }));

describe('parseConfig never throws anything but FERRY_ERR_CONFIG_INVALID', () => {
  it('on random YAML-like text', () => {
    fc.assert(fc.property(yamlish, (text) => checkOutcome(text, 'random/ferry.config.yaml')), RUNS);
  });

  it('on random JSON documents, as YAML and as JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        checkOutcome(stringify(value), 'doc.yaml');
        checkOutcome(JSON.stringify(value) ?? '', 'doc.json');
      }),
      RUNS,
    );
  });

  it('on config-shaped documents with wrong types, typos and env references', () => {
    fc.assert(fc.property(document, (value) => checkOutcome(stringify(value), 'shaped.yaml')), RUNS);
  });

  it('on the example file with random edits', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const text = edits.reduce((t, [at, cut, insert]) => t.slice(0, at) + insert + t.slice(at + cut), example);
        checkOutcome(text, 'examples/ferry.config.yaml');
      }),
      RUNS,
    );
  });
});
