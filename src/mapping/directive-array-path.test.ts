// @arrayPath: item shapes, wrapping, pass-through and compile errors.
import { describe, expect, it } from 'vitest';
import { compileError, evaluate } from './test-support/compile-helpers.js';

const event = {
  products: [{ sku: 'a', price: 1 }, { sku: 'b' }, 'loose', null],
  page: { url: 'u' },
  id: 'x',
};

describe('@arrayPath', () => {
  it('maps each item through the item shape, paths relative to the item (a null item reads null)', () => {
    expect(evaluate({ '@arrayPath': ['$.products', { id: { '@path': '$.sku' }, p: { '@path': 'price' } }] }, event)).toEqual([
      { id: 'a', p: 1 },
      { id: 'b' },
      {},
      { id: null, p: null },
    ]);
  });

  it('accepts a directive as item shape and as path', () => {
    expect(evaluate({ '@arrayPath': [{ '@path': '$.products' }, { '@path': '$.sku' }] }, event)).toEqual([
      'a',
      'b',
      undefined,
      null,
    ]);
  });

  it('wraps a single object in a list, returns scalars and missing values as they are', () => {
    expect(evaluate({ '@arrayPath': ['$.page', { link: { '@path': '$.url' } }] }, event)).toEqual([{ link: 'u' }]);
    expect(evaluate({ '@arrayPath': ['$.id', { link: { '@path': '$.url' } }] }, event)).toBe('x');
    expect(evaluate({ '@arrayPath': ['$.nope', { link: { '@path': '$.url' } }] }, event)).toBeUndefined();
  });

  it('returns the list unchanged without a shape or with an empty one', () => {
    expect(evaluate({ '@arrayPath': ['$.products'] }, event)).toEqual(event.products);
    expect(evaluate({ '@arrayPath': ['$.products', {}] }, event)).toEqual(event.products);
  });

  it('refuses a non-array, a missing path and a bad item shape', () => {
    expect(compileError({ list: { '@arrayPath': '$.products' } })).toEqual({
      code: 'FERRY_ERR_MAPPING_DIRECTIVE',
      path: 'list.@arrayPath',
      message: 'Invalid mapping at "list.@arrayPath": @arrayPath needs an array [path, item shape], but got a string.',
    });
    expect(compileError({ list: { '@arrayPath': [] } }).message).toBe(
      'Invalid mapping at "list.@arrayPath[0]": @arrayPath needs a path string or a directive as its first item, ' +
        'but got nothing.',
    );
    expect(compileError({ list: { '@arrayPath': ['$.p', { id: { '@path': 1 } }] } }).path).toBe(
      'list.@arrayPath[1].id.@path',
    );
  });
});
