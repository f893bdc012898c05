// jsonBytes, its bound and valueDepth: sizes as JSON, and depths counted without a stack overflow for values nested 100,000 deep.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonBytes, jsonBytesBound, jsonBytesOver, jsonDepth, valueDepth } from './json-measure.js';

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

/** jsonDepth as it was first written, one character at a time: the spec the string skipping must agree with. */
function referenceDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === '}' || c === ']') depth--;
  }
  return max;
}

describe('jsonDepth', () => {
  it('ends a string at a quote after an even run of backslashes, not after an odd one', () => {
    expect(jsonDepth(JSON.stringify(['\\', [1]]))).toBe(2);
    expect(jsonDepth(JSON.stringify(['\\\\', [[1]]]))).toBe(3);
    expect(jsonDepth(JSON.stringify(['\\"[[', [1]]))).toBe(2);
    expect(jsonDepth('["\\\\\\"[[')).toBe(1);
  });

  it('agrees with the character-by-character count on any text, valid JSON or not', () => {
    const text = fc.array(fc.constantFrom('{', '}', '[', ']', '"', '\\', 'a', ':', ','), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, fc.integer({ min: 0, max: 6 }), (t, stopAt) => {
      expect(jsonDepth(t)).toBe(referenceDepth(t));
      expect(jsonDepth(t, stopAt)).toBe(referenceDepth(t, stopAt));
    }), { numRuns: 5_000 });
    fc.assert(fc.property(anyJson, (value) => jsonDepth(JSON.stringify(value)) === valueDepth(value, Infinity)));
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
