// removeEmptyValues: the exact rules Segment applies between mapping and validation.
import { describe, expect, it } from 'vitest';
import { removeEmptyValues } from './remove-empty-values.js';

const schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    size: { type: 'number' },
    maybe: { type: ['string', 'null'] },
    attrs: { type: 'object' },
    company: { type: 'object', properties: { name: { type: 'string' }, plan: { type: ['string', 'null'] }, n: { type: 'number' } } },
    tags: { type: 'array', items: { type: 'string' } },
    counts: { type: 'array', items: { type: 'number' } },
    people: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } },
    free: {},
  },
};

describe('removeEmptyValues', () => {
  it('drops top-level "" whatever the type, and undefined', () => {
    expect(removeEmptyValues({ name: '', size: '', free: '', unknown: '', gone: undefined, keep: 0 }, schema)).toEqual({ keep: 0 });
  });

  it('drops null unless the field type allows null; keeps null where no schema says anything', () => {
    expect(removeEmptyValues({ name: null, maybe: null, free: null, unknown: null, attrs: null }, schema)).toEqual({
      maybe: null,
      free: null,
      unknown: null,
    });
  });

  it('below the top level, drops "" only where the type is not string', () => {
    expect(removeEmptyValues({ company: { name: '', plan: null, n: '' } }, schema)).toEqual({ company: { name: '', plan: null } });
    expect(removeEmptyValues({ company: { name: null, n: null, other: null } }, schema)).toEqual({ company: { other: null } });
  });

  it('leaves objects without properties alone', () => {
    expect(removeEmptyValues({ attrs: { a: null, b: '', c: undefined } }, schema)).toEqual({ attrs: { a: null, b: '', c: undefined } });
  });

  it('filters array items that would be empty, keeping the others uncleaned', () => {
    expect(removeEmptyValues({ tags: ['a', '', null], counts: [1, '', null, 0] }, schema)).toEqual({ tags: ['a', ''], counts: [1, 0] });
    expect(removeEmptyValues({ people: [{ a: null }, null] }, schema)).toEqual({ people: [{ a: null }] });
  });

  it('without a schema, drops only top-level undefined and ""', () => {
    expect(removeEmptyValues({ a: '', b: undefined, c: null, d: { e: '' }, f: [''] })).toEqual({ c: null, d: { e: '' }, f: [''] });
  });

  it('does not change its input', () => {
    const payload = { name: '', company: { n: '' } };
    removeEmptyValues(payload, schema);
    expect(payload).toEqual({ name: '', company: { n: '' } });
  });
});
