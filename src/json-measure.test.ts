// jsonBytes and valueDepth: JSON.stringify's answer for any value, and no stack overflow for values nested 100,000 deep.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBytes, valueDepth } from './json-measure.js';

const stringifiedBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');

function nested(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

describe('jsonBytes', () => {
  it('equals the byte length of JSON.stringify for any JSON value, unicode and escapes included', () => {
    fc.assert(fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => jsonBytes(value) === stringifiedBytes(value)), { numRuns: 2000 });
  });

  it('follows JSON.stringify for what JSON cannot hold: undefined, functions, NaN, toJSON, boxed values, lone surrogates', () => {
    const values: unknown[] = [
      undefined, () => 1, Symbol('s'), NaN, -Infinity, -0, 1e21, '\ud800', 'tab\t"q"\\', '😀é',
      { a: undefined, b: () => 1, c: Symbol('s'), d: 1 }, { a: undefined }, [undefined, () => 1, Symbol('s')],
      new Date(0), { when: new Date(0), n: Object(5), s: Object('x'), b: Object(false) },
      { toJSON: (key: string) => ({ key }) }, [{ toJSON: (key: string) => key }], { x: { toJSON: () => undefined } },
      Object.assign(Object.create({ inherited: 1 }), { own: 2 }), [], {}, [[], {}], '',
    ];
    for (const value of values) expect(jsonBytes(value), String(JSON.stringify(value))).toBe(stringifiedBytes(value));
  });

  it('throws where JSON.stringify throws: cycles and BigInt', () => {
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = { back: cycle };
    expect(() => jsonBytes(cycle)).toThrow(TypeError);
    expect(() => jsonBytes({ n: 1n })).toThrow(TypeError);
    // The same object twice, side by side, is not a cycle.
    const shared = { x: 1 };
    expect(jsonBytes([shared, shared])).toBe(stringifiedBytes([shared, shared]));
  });

  it('measures a value nested 100,000 deep, which JSON.stringify cannot', () => {
    const deep = nested(100_000);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    // 50,000 arrays ("[" "]") and 50,000 objects ('{"a":' "}"), around the leaf "1".
    expect(jsonBytes(deep)).toBe(50_000 * 2 + 50_000 * 6 + 1);
  });
});

describe('valueDepth', () => {
  it('counts nested objects and arrays like jsonDepth counts them in the text', () => {
    expect(valueDepth(1, 64)).toBe(0);
    expect(valueDepth('[[{', 64)).toBe(0);
    expect(valueDepth([], 64)).toBe(1);
    expect(valueDepth({ a: [{ b: 1 }], c: [] }, 64)).toBe(3);
    expect(valueDepth(nested(64), 64)).toBe(64);
  });

  it('stops past the limit, so a value nested 100,000 deep or a cycle answers at once', () => {
    expect(valueDepth(nested(100_000), 64)).toBe(65);
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(valueDepth(cycle, 64)).toBe(65);
  });
});
