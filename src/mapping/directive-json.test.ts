// @json: encode, decode, the capitalised-mode quirk and compile errors.
import { describe, expect, it } from 'vitest';
import { compileError, evaluate } from './test-support/compile-helpers.js';

const event = { o: { a: [1, null], b: 'x' }, s: '{"k":[true]}', bad: '{k:1}', n: 5 };

describe('@json', () => {
  it('encodes values as JSON strings', () => {
    expect(evaluate({ '@json': { mode: 'encode', value: { '@path': '$.o' } } }, event)).toBe('{"a":[1,null],"b":"x"}');
    expect(evaluate({ '@json': { mode: 'encode', value: 'text' } })).toBe('"text"');
    expect(evaluate({ '@json': { mode: 'encode', value: { '@path': '$.nope' } } }, event)).toBeUndefined();
  });

  it('decodes JSON strings, leaving unparsable strings and non-strings as they are', () => {
    expect(evaluate({ '@json': { mode: 'decode', value: { '@path': '$.s' } } }, event)).toEqual({ k: [true] });
    expect(evaluate({ '@json': { mode: 'decode', value: { '@path': '$.bad' } } }, event)).toBe('{k:1}');
    expect(evaluate({ '@json': { mode: 'decode', value: { '@path': '$.n' } } }, event)).toBe(5);
  });

  it('gives nothing for a mode Segment validates but does not run ("Encode")', () => {
    expect(evaluate({ '@json': { mode: 'Encode', value: { '@path': '$.o' } } }, event)).toBeUndefined();
  });

  it('refuses an unknown mode and a missing or falsy value', () => {
    expect(compileError({ j: { '@json': { mode: 'yaml', value: 'x' } } })).toEqual({
      code: 'FERRY_ERR_MAPPING_DIRECTIVE',
      path: 'j.@json.mode',
      message: 'Invalid mapping at "j.@json.mode": @json "mode" must be "encode" or "decode", but got "yaml".',
    });
    expect(compileError({ j: { '@json': { mode: 'encode' } } }).message).toBe(
      'Invalid mapping at "j.@json.value": @json needs a "value", but got nothing.',
    );
    expect(compileError({ j: { '@json': { mode: 'encode', value: 0 } } }).path).toBe('j.@json.value');
  });
});
