// jsonBytes and valueDepth: sizes as JSON, and depths counted without a stack overflow for values nested 100,000 deep.
import { describe, expect, it } from 'vitest';
import { jsonBytes, valueDepth } from './json-measure.js';

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
