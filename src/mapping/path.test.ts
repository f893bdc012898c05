// Path splitting and reading: Segment's `get` semantics, own properties only, prototype segments refused.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGetter, splitPath, stripRoot } from './path.js';

const require = createRequire(import.meta.url);
const segmentGet = (require('@segment/actions-core') as { get: (obj: unknown, path: string) => unknown }).get;

describe('splitPath', () => {
  it.each([
    ['a.b.c', ['a', 'b', 'c']],
    ['a[0].b', ['a', '0', 'b']],
    ["a['b'].c", ['a', 'b', 'c']],
    ['a["b c"]', ['a', 'b c']],
    ["a['b.c']", ['a', 'b', 'c']],
    ['a[b]', ['a[b]']],
    ['a..b.', ['a', 'b']],
    ["a['']", ['a', '']],
    ['x[0]]]y', ['x', '0', 'y']],
    ['é.😀', ['é', '😀']],
  ])('%s', (path, segments) => {
    expect(splitPath(path)).toEqual(segments);
  });

  it('matches Segment on random paths', () => {
    const chars = fc.constantFrom('a', 'b', '0', '1', '.', '[', ']', "'", '"', ' ', '$');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 12 }).map((c) => c.join('')), (path) => {
        const data = { a: { b: [{ '0': 'x' }, 'y'], '0': 1 }, b: 'str', '0': [0, [1]], "'a'": 2, ' ': 3, $: { a: 4 } };
        expect(compileGetter(path)(data)).toEqual(segmentGet(data, path));
      }),
      { seed: 7, numRuns: 2000 },
    );
  });
});

describe('compileGetter', () => {
  const data = { a: { b: 0, c: null, d: '', e: false, list: [10, { x: 'y' }] }, s: 'hello' };

  it('reads nested and indexed values', () => {
    expect(compileGetter('a.list[1].x')(data)).toBe('y');
    expect(compileGetter('a.list.0')(data)).toBe(10);
    expect(compileGetter('s.length')(data)).toBe(5);
    expect(compileGetter('s.1')(data)).toBe('e');
    expect(compileGetter('a.list.length')(data)).toBe(2);
  });

  it('returns a falsy value met along the way, as Segment does', () => {
    expect(compileGetter('a.b.x')(data)).toBe(0);
    expect(compileGetter('a.c.x')(data)).toBeNull();
    expect(compileGetter('a.d.x')(data)).toBe('');
    expect(compileGetter('a.e.x')(data)).toBe(false);
    expect(compileGetter('nope.x')(data)).toBeUndefined();
  });

  it('"", "." and paths made only of separators return the root', () => {
    expect(compileGetter('')(data)).toBe(data);
    expect(compileGetter('.')(data)).toBe(data);
    expect(compileGetter('..')(data)).toBe(data);
  });

  it('never reads __proto__, prototype or constructor', () => {
    const own = JSON.parse('{"__proto__": {"x": 1}, "constructor": "c", "prototype": {"y": 2}}');
    expect(compileGetter('__proto__')(own)).toBeUndefined();
    expect(compileGetter('__proto__.x')(own)).toBeUndefined();
    expect(compileGetter('constructor')(own)).toBeUndefined();
    expect(compileGetter('prototype.y')(own)).toBeUndefined();
    expect(compileGetter("a['__proto__']")({ a: {} })).toBeUndefined();
    expect(compileGetter('a.constructor.prototype')({ a: {} })).toBeUndefined();
  });

  it('reads own properties only (Segment would return inherited functions)', () => {
    expect(compileGetter('a.toString')(data)).toBeUndefined();
    expect(compileGetter('s.toUpperCase')(data)).toBeUndefined();
    expect(segmentGet(data, 'a.toString')).toBe(Object.prototype.toString);
  });
});

describe('stripRoot', () => {
  it('removes the first "$." wherever it is', () => {
    expect(stripRoot('$.a.b')).toBe('a.b');
    expect(stripRoot('a.$.b')).toBe('a.b');
    expect(stripRoot('$.$.a')).toBe('$.a');
    expect(stripRoot('$')).toBe('$');
  });
});
