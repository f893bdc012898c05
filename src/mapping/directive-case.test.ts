// @case: lower/upper, pass-through of non-strings, compile errors.
import { describe, expect, it } from 'vitest';
import { compileError, evaluate } from './test-support/compile-helpers.js';

describe('@case', () => {
  const event = { s: 'MiXeD ß İ', n: 12, o: { a: 1 } };

  it('lower- and upper-cases strings', () => {
    expect(evaluate({ '@case': { operator: 'lower', value: { '@path': '$.s' } } }, event)).toBe('mixed ß i̇');
    expect(evaluate({ '@case': { operator: 'upper', value: { '@path': '$.s' } } }, event)).toBe('MIXED SS İ');
    expect(evaluate({ '@case': { operator: 'upper', value: 'abc' } })).toBe('ABC');
  });

  it('passes non-strings through and gives nothing for a missing or empty value', () => {
    expect(evaluate({ '@case': { operator: 'upper', value: { '@path': '$.n' } } }, event)).toBe(12);
    expect(evaluate({ '@case': { operator: 'upper', value: { '@path': '$.o' } } }, event)).toEqual({ a: 1 });
    expect(evaluate({ '@case': { operator: 'upper', value: { '@path': '$.nope' } } }, event)).toBeUndefined();
    expect(evaluate({ '@case': { operator: 'upper', value: '' } })).toBeUndefined();
    expect(evaluate({ '@case': { operator: 'upper' } })).toBeUndefined();
  });

  it('refuses operators other than lower/upper and non-string values', () => {
    expect(compileError({ a: { '@case': { operator: 'title', value: 'x' } } })).toEqual({
      code: 'FERRY_ERR_MAPPING_DIRECTIVE',
      path: 'a.@case.operator',
      message: 'Invalid mapping at "a.@case.operator": @case "operator" must be "lower" or "upper", but got "title".',
    });
    expect(compileError({ a: { '@case': { value: 'x' } } }).message).toBe(
      'Invalid mapping at "a.@case.operator": @case "operator" must be "lower" or "upper", but got nothing.',
    );
    expect(compileError({ a: { '@case': { operator: 'lower', value: 5 } } }).message).toBe(
      'Invalid mapping at "a.@case.value": @case "value" must be a string or a directive, but got a number.',
    );
  });
});
