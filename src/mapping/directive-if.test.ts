// @if: exists / blank conditions, branch quirks, compile errors, and the `== ""` emulation.
import { describe, expect, it } from 'vitest';
import { looselyEmpty } from './directive-if.js';
import { compileError, evaluate } from './test-support/compile-helpers.js';

const event = { userId: 'u1', nil: null, empty: '', zero: 0, no: false, list: [], one: [''], two: ['', ''] };
const exists = (path: string) => ({ '@if': { exists: { '@path': path }, then: 'T', else: 'E' } });
const blank = (path: string) => ({ '@if': { blank: { '@path': path }, then: 'T', else: 'E' } });

describe('@if', () => {
  it('exists: anything but undefined and null', () => {
    expect(evaluate(exists('$.userId'), event)).toBe('T');
    expect(evaluate(exists('$.zero'), event)).toBe('T');
    expect(evaluate(exists('$.empty'), event)).toBe('T');
    expect(evaluate(exists('$.nil'), event)).toBe('E');
    expect(evaluate(exists('$.nope'), event)).toBe('E');
  });

  it('blank: also false for values loosely equal to "" (0, false, [], [""])', () => {
    expect(evaluate(blank('$.userId'), event)).toBe('T');
    expect(evaluate(blank('$.two'), event)).toBe('T');
    for (const path of ['$.empty', '$.zero', '$.no', '$.list', '$.one', '$.nil', '$.nope']) {
      expect(evaluate(blank(path), event), path).toBe('E');
    }
  });

  it('a literal condition is always met', () => {
    expect(evaluate({ '@if': { exists: '$.nope', then: 'T', else: 'E' } }, event)).toBe('T');
  });

  it('returns a falsy then, but ignores a falsy else', () => {
    expect(evaluate({ '@if': { exists: { '@path': '$.userId' }, then: null } }, event)).toBeNull();
    expect(evaluate({ '@if': { exists: { '@path': '$.userId' }, then: 0 } }, event)).toBe(0);
    expect(evaluate({ '@if': { exists: { '@path': '$.nope' }, then: 1, else: 0 } }, event)).toBeUndefined();
    expect(evaluate({ '@if': { exists: { '@path': '$.nope' }, then: 1, else: '' } }, event)).toBeUndefined();
  });

  it('gives nothing when the chosen branch is missing', () => {
    expect(evaluate({ '@if': { exists: { '@path': '$.userId' } } }, event)).toBeUndefined();
    expect(evaluate({ '@if': { exists: { '@path': '$.nope' }, then: 1 } }, event)).toBeUndefined();
  });

  it('uses exists whenever it is present, even falsy, once blank makes the directive valid', () => {
    expect(evaluate({ '@if': { exists: 0, blank: { '@path': '$.nope' }, then: 'T', else: 'E' } })).toBe('T');
    expect(evaluate({ '@if': { exists: null, blank: 'x', then: 'T', else: 'E' } })).toBe('E');
  });

  it('evaluates directives in its branches', () => {
    expect(evaluate({ '@if': { exists: { '@path': '$.userId' }, then: { '@path': '$.userId' } } }, event)).toBe('u1');
  });

  it('refuses a missing or falsy condition, a non-object and bad branches', () => {
    expect(compileError({ role: { '@if': { then: 'user' } } })).toEqual({
      code: 'FERRY_ERR_MAPPING_DIRECTIVE',
      path: 'role.@if',
      message:
        'Invalid mapping at "role.@if": @if needs an "exists" or a "blank" condition (a directive such as ' +
        '{"@path": "$.traits.email"}).',
    });
    expect(compileError({ role: { '@if': { exists: '' } } }).path).toBe('role.@if');
    expect(compileError({ role: { '@if': 'x' } }).message).toBe(
      'Invalid mapping at "role.@if": @if needs an object of options, but got a string.',
    );
    expect(compileError({ role: { '@if': { exists: { '@path': '$.a' }, else: { '@nope': 1 } } } }).path).toBe(
      'role.@if.else.@nope',
    );
    expect(compileError({ role: { '@if': { exists: 'x', other: { '@path': 1 } } } }).path).toBe(
      'role.@if.other.@path',
    );
  });
});

describe('looselyEmpty', () => {
  it('is `value == ""` without calling toString', () => {
    for (const value of ['', 0, -0, false, [], [''], [null], [[]], [['']]]) expect(looselyEmpty(value)).toBe(true);
    for (const value of [' ', '0', 1, true, ['', ''], [0], [false], {}, { toString: 1 }, null, undefined]) {
      expect(looselyEmpty(value)).toBe(false);
    }
  });
});
