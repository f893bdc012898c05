// jsonBytes, its bound and valueDepth: sizes as JSON, and depths counted without a stack overflow for values nested 100,000 deep.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBytes, jsonBytesBound, jsonBytesOver, valueDepth } from './json-measure.js';

function nested(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

describe('jsonBytes', () => {
  it('is the byte length of the compact JSON, unicode and escapes included', () => {
    expect(jsonBytes({ a: 'é😀', b: [1, null], c: 'tab\t"q"' })).toBe(Buffer.byteLength('{"a":"é😀","b":[1,null],"c":"tab\\t\\"q\\""}'));
    expect(jsonBytes(undefined)).toBe(0);
  });
});

/** Any UTF-16 text: control characters, quotes, backslashes, non-ASCII and lone surrogates included. */
const anyText = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units));
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    anyText, fc.double(), fc.integer(), fc.boolean(), fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(anyText, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('jsonBytesBound', () => {
  it('is never below jsonBytes, for any JSON value', () => {
    fc.assert(fc.property(anyJson, (value) => jsonBytesBound(value) >= jsonBytes(value)), { numRuns: 2_000 });
  });

  it('holds for the widest characters and numbers', () => {
    const widest = ['\u0001'.repeat(50), '\ud800'.repeat(50), '"\\', -1.2345678901234567e-6, -123456789012345680000, -1.7976931348623157e308];
    for (const value of widest) expect(jsonBytesBound(value)).toBeGreaterThanOrEqual(jsonBytes(value));
  });

  it('jsonBytesOver answers the exact size only above the limit', () => {
    const event = { type: 'track', properties: { text: 'x'.repeat(1000) } };
    expect(jsonBytesOver(event, 10_000)).toBeUndefined();
    expect(jsonBytesOver(event, 1_000)).toBe(jsonBytes(event));
    // The bound is over the limit (6 bytes per character), the size is not: still undefined.
    expect(jsonBytesOver(event, jsonBytes(event))).toBeUndefined();
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
