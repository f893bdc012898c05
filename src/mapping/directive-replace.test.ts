// @replace: literal patterns with regex characters, flags, replacement patterns, limits and errors.
import { describe, expect, it } from 'vitest';
import { compileError, evaluate } from './test-support/compile-helpers.js';

const replace = (options: Record<string, unknown>, event: Record<string, unknown> = {}) =>
  evaluate({ '@replace': options }, event);

describe('@replace', () => {
  it('replaces every occurrence by default, once with global false', () => {
    expect(replace({ pattern: 'a', replacement: 'x', value: 'banana' })).toBe('bxnxnx');
    expect(replace({ pattern: 'a', replacement: 'x', value: 'banana', global: false })).toBe('bxnana');
  });

  it('matches case-insensitively with ignorecase', () => {
    expect(replace({ pattern: 'a', replacement: '_', value: 'aAa', ignorecase: true })).toBe('___');
    expect(replace({ pattern: 'é', replacement: 'e', value: 'ÉéÉ', ignorecase: true })).toBe('eee');
  });

  it('treats regex special characters literally', () => {
    expect(replace({ pattern: '.', replacement: '', value: 'a.b.c' })).toBe('abc');
    expect(replace({ pattern: '$', replacement: 'S', value: 'x$y$' })).toBe('xSyS');
    expect(replace({ pattern: '(1)', replacement: '1', value: 'f(1)' })).toBe('f1');
    expect(replace({ pattern: '\\', replacement: '/', value: 'a\\b' })).toBe('a/b');
    expect(replace({ pattern: '[a-z]', replacement: '?', value: 'b[a-z]' })).toBe('b?');
    expect(replace({ pattern: ' ', replacement: '-', value: 'a b\tc' })).toBe('a-b\tc');
    expect(replace({ pattern: '😀', replacement: ':)', value: 'hi😀' })).toBe('hi:)');
  });

  it('keeps the replacement patterns of String.prototype.replace', () => {
    expect(replace({ pattern: 'b', replacement: '[$&]', value: 'abc' })).toBe('a[b]c');
    expect(replace({ pattern: 'b', replacement: '$$', value: 'abc' })).toBe('a$c');
    expect(replace({ pattern: 'b', replacement: '$`', value: 'abc' })).toBe('aac');
    expect(replace({ pattern: 'b', replacement: "$'", value: 'abc' })).toBe('acc');
    expect(replace({ pattern: 'b', replacement: '$1', value: 'abc' })).toBe('a$1c');
  });

  it('applies pattern2/replacement2 after the first pair, ignoring a non-string pattern2', () => {
    expect(replace({ pattern: 'a', replacement: 'b', pattern2: 'b', replacement2: 'c', value: 'ab' })).toBe('cc');
    expect(replace({ pattern: 'a', pattern2: 'b', value: 'abc' })).toBe('c');
    expect(replace({ pattern: 'a', pattern2: 5, replacement2: 'x', value: 'a5' })).toBe('5');
  });

  it('stringifies numbers and booleans, gives "" for anything else and nothing for an empty value', () => {
    expect(replace({ pattern: '.', replacement: ',', value: { '@path': '$.n' } }, { n: 19.99 })).toBe('19,99');
    expect(replace({ pattern: 'ue', value: { '@path': '$.b' } }, { b: true })).toBe('tr');
    expect(replace({ pattern: 'x', value: { '@path': '$.nope' } })).toBe('');
    expect(replace({ pattern: 'x', value: { '@path': '$.o' } }, { o: { x: 1 } })).toBe('');
    expect(replace({ pattern: 'x', value: '' })).toBeUndefined();
  });

  it('refuses bad patterns, replacements, flags and values with the option path', () => {
    expect(compileError({ a: { '@replace': { pattern: 'abcdefghijk', value: 'x' } } })).toEqual({
      code: 'FERRY_ERR_MAPPING_DIRECTIVE',
      path: 'a.@replace.pattern',
      message: 'Invalid mapping at "a.@replace.pattern": @replace "pattern" must be 1 to 10 characters long, but it has 11.',
    });
    expect(compileError({ a: { '@replace': { pattern: '', value: 'x' } } }).path).toBe('a.@replace.pattern');
    expect(compileError({ a: { '@replace': { value: 'x' } } }).message).toBe(
      'Invalid mapping at "a.@replace.pattern": @replace needs a "pattern" string, but got nothing.',
    );
    expect(compileError({ a: { '@replace': { pattern: 'a', replacement: '12345678901', value: 'x' } } }).message).toBe(
      'Invalid mapping at "a.@replace.replacement": @replace "replacement" must be at most 10 characters long, but it has 11.',
    );
    expect(compileError({ a: { '@replace': { pattern: 'a', replacement: null, value: 'x' } } }).message).toBe(
      'Invalid mapping at "a.@replace.replacement": @replace "replacement" must be a string, but got null.',
    );
    expect(compileError({ a: { '@replace': { pattern: 'a', global: 'yes', value: 'x' } } }).path).toBe('a.@replace.global');
    expect(compileError({ a: { '@replace': { pattern: 'a', ignorecase: 1, value: 'x' } } }).path).toBe(
      'a.@replace.ignorecase',
    );
    expect(compileError({ a: { '@replace': { pattern: 'a', pattern2: '12345678901', value: 'x' } } }).path).toBe(
      'a.@replace.pattern2',
    );
    expect(compileError({ a: { '@replace': { pattern: 'a', value: 5 } } }).message).toBe(
      'Invalid mapping at "a.@replace.value": @replace needs a "value" string or directive, but got a number.',
    );
  });
});
