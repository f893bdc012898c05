// @flatten: separators, omitArrays, scalars, empty keys and compile errors.
import { describe, expect, it } from 'vitest';
import { flattenValue } from './directive-flatten.js';
import { compileError, evaluate } from './test-support/compile-helpers.js';

const event = { p: { a: { b: 1, c: [2, { d: null }] }, e: '', f: {} } };

describe('@flatten', () => {
  it('joins nested keys with the separator, arrays included', () => {
    expect(evaluate({ '@flatten': { separator: '.', value: { '@path': '$.p' } } }, event)).toEqual({
      'a.b': 1,
      'a.c.0': 2,
      'a.c.1.d': null,
      e: '',
    });
  });

  it('keeps arrays whole with omitArrays', () => {
    expect(evaluate({ '@flatten': { separator: '_', value: { '@path': '$.p' }, omitArrays: true } }, event)).toEqual({
      a_b: 1,
      a_c: [2, { d: null }],
      e: '',
    });
  });

  it('puts a scalar under the empty key and drops a missing value', () => {
    expect(evaluate({ '@flatten': { separator: '.', value: 'x' } })).toEqual({ '': 'x' });
    expect(evaluate({ '@flatten': { separator: '.', value: { '@path': '$.nope' } } })).toEqual({});
  });

  it('skips the separator under an empty parent key and keeps __proto__ keys as own data', () => {
    expect(flattenValue({ '': { b: 1 } }, '.', false)).toEqual({ b: 1 });
    const out = flattenValue(JSON.parse('{"__proto__": {"polluted": 1}}'), '.', false);
    expect(Object.keys(out)).toEqual(['__proto__.polluted']);
    expect(flattenValue(JSON.parse('{"__proto__": 1}'), '.', false)).toHaveProperty(['__proto__'], 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a missing or empty separator and a missing value', () => {
    expect(compileError({ f: { '@flatten': { value: 'x' } } })).toEqual({
      code: 'FERRY_ERR_MAPPING_DIRECTIVE',
      path: 'f.@flatten.separator',
      message: 'Invalid mapping at "f.@flatten.separator": @flatten needs a non-empty "separator" string, but got nothing.',
    });
    expect(compileError({ f: { '@flatten': { separator: '', value: 'x' } } }).message).toContain('an empty string');
    expect(compileError({ f: { '@flatten': { separator: '.' } } }).message).toBe(
      'Invalid mapping at "f.@flatten.value": @flatten needs a "value".',
    );
  });
});
