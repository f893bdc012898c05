// @transform, including the root form Segment stores under __segment_internal_directive.
import { describe, expect, it } from 'vitest';
import { compileMapping } from './index.js';
import { compileError, evaluate } from './test-support/compile-helpers.js';

const event = { userId: 'u1', traits: { email: 'a@b.c' }, items: [{ n: 1 }, 2] };

describe('@transform', () => {
  it('evaluates mapping over the result of apply, without its undefined entries', () => {
    const value = { '@transform': { apply: { id: { '@path': '$.userId' }, gone: { '@path': '$.x' } }, mapping: { all: { '@path': '$.' } } } };
    expect(evaluate(value, event)).toEqual({ all: { id: 'u1' } });
  });

  it('gives nothing for an item that is not an object (Segment throws)', () => {
    const shape = { '@transform': { apply: { n: { '@path': '$.n' } }, mapping: { '@path': '$.n' } } };
    expect(evaluate({ '@arrayPath': ['$.items', shape] }, event)).toEqual([1, undefined]);
  });

  it('supports the root-level form Segment stores under __segment_internal_directive', () => {
    const mapping = {
      __segment_internal_directive: { '@transform': { apply: { mail: { '@path': '$.traits.email' } } } },
      email: { '@path': '$.mail' },
    };
    expect(compileMapping(mapping)(event)).toEqual({ email: 'a@b.c' });
  });

  it('refuses a missing apply or mapping and other root directives', () => {
    expect(compileError({ t: { '@transform': { mapping: {} } } })).toEqual({
      code: 'FERRY_ERR_MAPPING_DIRECTIVE',
      path: 't.@transform.apply',
      message: 'Invalid mapping at "t.@transform.apply": @transform needs an object or directive as "apply", but got nothing.',
    });
    expect(compileError({ t: { '@transform': { apply: {}, mapping: 'x' } } }).path).toBe('t.@transform.mapping');
    expect(compileError({ __segment_internal_directive: { '@path': '$.x' } }).message).toBe(
      'Invalid mapping at "__segment_internal_directive": "__segment_internal_directive" must hold a single @transform directive.',
    );
  });
});
