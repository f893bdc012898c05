// Properties over random input: compiling never fails with anything but FerryError, evaluating never throws and
// never touches Object.prototype.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FerryError } from '../errors.js';
import { compileMapping, type CompiledMapping } from './index.js';
import { mappingArb } from './test-support/mapping-arbitraries.js';

const KEYS = ['@path', '@template', '@if', '@literal', '@case', '@replace', '@arrayPath', '@json', '@flatten', '@merge',
  '@transform', '@excludeWhenNull', '@liquid', '@nope', '@', 'exists', 'blank', 'then', 'else', 'operator', 'value',
  'pattern', 'replacement', 'pattern2', 'replacement2', 'global', 'ignorecase', 'mode', 'separator', 'omitArrays',
  'objects', 'direction', 'apply', 'mapping', '_metadata', '__proto__', 'constructor', 'prototype', 'toString',
  'valueOf', 'length', 'a', '0', '__segment_internal_directive'];
const STRINGS = ['', '$.', '.', '$.a', 'a.b', '__proto__', 'constructor.prototype', '{{a}}', '{{{__proto__}}}',
  'lower', 'upper', 'encode', 'decode', 'left', 'right', '.', '$', '(', '\\', 'ü', 'abcdefghijkl'];

/**
 * JSON text built from a vocabulary of directive and option names (including "__proto__"), parsed with JSON.parse
 * so such keys are own properties exactly as in a real config file.
 */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.constantFrom(...STRINGS), fc.string({ maxLength: 5 }), fc.integer(), fc.boolean(), fc.constant(null)).map(
      (v) => JSON.stringify(v),
    ),
    fc.array(tie('node'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 3 })), tie('node')), { maxLength: 4 })
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).node;

const jsonArb = jsonText.map((text) => JSON.parse(text) as unknown);
const objectText = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 3 })), jsonText), { maxLength: 6 })
  .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
const objectArb = objectText.map((text) => JSON.parse(text) as Record<string, unknown>);
const eventArb = fc.oneof(objectArb, fc.jsonValue({ maxDepth: 3 }));

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

function assertPristine(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(Object.getPrototypeOf(Object.prototype)).toBeNull();
  const probe: Record<string, unknown> = {};
  for (const key of ['polluted', 'a', '0', 'value', 'then', 'length']) expect(probe[key]).toBeUndefined();
}

function compileOrRefuse(mapping: unknown): CompiledMapping | undefined {
  try {
    return compileMapping(mapping);
  } catch (error) {
    if (error instanceof FerryError && error.code === 'FERRY_ERR_MAPPING_DIRECTIVE') return undefined;
    throw error;
  }
}

describe('compileMapping on random input', () => {
  afterEach(assertPristine);

  it('returns a function or throws FerryError, never anything else (random JSON)', () => {
    let compiled = 0;
    fc.assert(
      fc.property(fc.oneof(jsonArb, objectArb), (mapping) => {
        const result = compileOrRefuse(mapping);
        if (result !== undefined) {
          expect(typeof result).toBe('function');
          compiled += 1;
        }
      }),
      { seed: 4242, numRuns: 2000 },
    );
    expect(compiled).toBeGreaterThan(100);
  });

  it('compiled random JSON never throws on random events and never pollutes', () => {
    fc.assert(
      fc.property(objectArb, fc.array(eventArb, { minLength: 1, maxLength: 3 }), (mapping, events) => {
        const compiled = compileOrRefuse(mapping);
        if (compiled === undefined) return;
        for (const event of events) expect(typeof compiled(event)).toBe('object');
        assertPristine();
      }),
      { seed: 99, numRuns: 1500 },
    );
  });

  it('valid generated mappings never throw on hostile events and never pollute', () => {
    fc.assert(
      fc.property(mappingArb, eventArb, (mapping, event) => {
        const out = compileMapping(mapping)(event);
        expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
        assertPristine();
      }),
      { seed: 7, numRuns: 1000 },
    );
  });
});
