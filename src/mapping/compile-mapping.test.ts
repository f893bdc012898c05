// compileMapping as a whole: compiled once, error paths and messages, root rules, prototype safety.
import { describe, expect, it } from 'vitest';
import { FerryError } from '../errors.js';
import { compileMapping, compileValue } from './index.js';
import { compileError } from './test-support/compile-helpers.js';

const event = { userId: 'u1', traits: { email: 'a@b.c', name: 'Ada' } };

/** A deep proxy over a mapping that counts every read of it. */
function counted<T extends object>(target: T, counter: { reads: number }): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      counter.reads += 1;
      const value = Reflect.get(obj, key, receiver) as unknown;
      return typeof value === 'object' && value !== null ? counted(value, counter) : value;
    },
    ownKeys(obj) {
      counter.reads += 1;
      return Reflect.ownKeys(obj);
    },
  });
}

describe('compileMapping', () => {
  it('compiles once: evaluating never reads the mapping again', () => {
    const counter = { reads: 0 };
    const mapping = counted(
      {
        role: { '@if': { exists: { '@path': '$.userId' }, then: 'user', else: 'lead' } },
        name: { '@template': 'Hi {{traits.name}}' },
        list: [{ '@path': '$.traits.email' }, { x: { '@case': { operator: 'upper', value: { '@path': '$.userId' } } } }],
        r: { '@replace': { pattern: '.', replacement: '-', value: { '@path': '$.traits.email' } } },
      },
      counter,
    );
    const compiled = compileMapping(mapping);
    expect(counter.reads).toBeGreaterThan(0);
    counter.reads = 0;
    const first = compiled(event);
    compiled({ userId: null });
    expect(counter.reads).toBe(0);
    expect(first).toEqual({ role: 'user', name: 'Hi Ada', list: ['a@b.c', { x: 'U1' }], r: 'a@b-c' });
  });

  it('is unaffected by later changes to the mapping object', () => {
    const mapping = { email: { '@path': '$.traits.email' } };
    const compiled = compileMapping(mapping);
    mapping.email['@path'] = '$.userId';
    expect(compiled(event)).toEqual({ email: 'a@b.c' });
  });

  it('evaluates a non-object event as the empty object (Segment refuses it)', () => {
    const compiled = compileMapping({ a: { '@path': '$.' }, b: 'x', c: { '@path': '$.length' } });
    expect(compiled('text')).toEqual({ a: {}, b: 'x' });
    expect(compiled(null)).toEqual({ a: {}, b: 'x' });
    expect(compiled([1, 2])).toEqual({ a: {}, b: 'x' });
  });

  it('never shares objects with the event', () => {
    const compiled = compileMapping({ t: { '@path': '$.traits' }, l: { '@arrayPath': ['$.list'] } });
    const input = { traits: { a: { b: 1 } }, list: [{ c: 1 }] };
    const out = compiled(input) as { t: { a: object }; l: object[] };
    expect(out.t.a).not.toBe(input.traits.a);
    expect(out.l[0]).not.toBe(input.list[0]);
  });

  it('prefixes error paths with options.path', () => {
    const error = compileError(
      { email: { '@if': { exists: { '@path': '$.traits.email' }, then: { '@path': 5 } } } },
      { path: 'mappings[2].mapping' },
    );
    expect(error.path).toBe('mappings[2].mapping.email.@if.then.@path');
    expect(error.message.startsWith('Invalid mapping at "mappings[2].mapping.email.@if.then.@path": ')).toBe(true);
  });

  it('throws FerryError values with a 400 status', () => {
    let caught: unknown;
    try {
      compileMapping({ a: { '@nope': 1 } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FerryError);
    expect((caught as FerryError).status).toBe(400);
    expect((caught as FerryError).toJSON()).toEqual({
      code: 'FERRY_ERR_MAPPING_DIRECTIVE',
      message:
        'Invalid mapping at "a.@nope": "@nope" is not a mapping directive (known: @path, @template, @if, @literal, ' +
        '@case, @replace, @arrayPath, @json, @flatten, @merge, @transform, @excludeWhenNull).',
      path: 'a.@nope',
    });
  });

  it.each([
    [{ a: { '@liquid': '{{ a }}' } }, 'a.@liquid', '"@liquid" is not supported by ferry; use @template, @if, @case or @replace instead.'],
    [{ a: { '@path': '$.a', b: 1 } }, 'a', 'an object with the directive key "@path" cannot also have other keys ("b").'],
    [{ a: { '@path': '$.a', '@template': 'x' } }, 'a', 'an object can hold only one directive, but this one has "@path", "@template".'],
    [{ a: { b: [{ '@path': 5 }] } }, 'a.b[0].@path', '@path needs a path string (such as "$.traits.email") or a directive, but got a number.'],
    [JSON.parse('{"a": {"__proto__": 1}}'), 'a.__proto__', 'a mapping key cannot be "__proto__".'],
    [{ a: () => 1 }, 'a', 'a mapping holds JSON values only, but this is a function.'],
    [{ a: new Date(0) }, 'a', 'a mapping holds JSON values only, but this is a non-JSON object.'],
  ])('refuses %j at %s', (mapping, path, sentence) => {
    expect(compileError(mapping)).toEqual({
      code: 'FERRY_ERR_MAPPING_DIRECTIVE',
      path,
      message: `Invalid mapping at "${path}": ${sentence}`,
    });
  });

  it('refuses a root that is not an object of fields', () => {
    expect(compileError('x').message).toBe('Invalid mapping: a mapping is an object of fields, but got a string.');
    expect(compileError([]).message).toBe('Invalid mapping: a mapping is an object of fields, but got an array.');
    expect(compileError({ '@path': '$.traits' }).message).toBe(
      'Invalid mapping: a mapping is an object of fields; the directive "@path" belongs under a field, not at the root.',
    );
    expect(compileError(null, { path: 'mappings[0].mapping' })).toMatchObject({ path: 'mappings[0].mapping' });
  });

  it('refuses mappings nested deeper than 100 levels (and cyclic ones)', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 120; i++) deep = { a: deep };
    expect(compileError({ d: deep }).message).toMatch(/the mapping nests deeper than 100 levels\.$/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(compileError(cyclic).code).toBe('FERRY_ERR_MAPPING_DIRECTIVE');
  });
});

describe('prototype safety', () => {
  const hostile = JSON.parse(
    '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}, ' +
      '"o": {"__proto__": {"polluted": 3}, "k": 1}, "s": "{\\"__proto__\\": {\\"polluted\\": 4}}"}',
  );

  it('never reads __proto__, constructor or prototype through paths or templates', () => {
    const out = compileMapping({
      a: { '@path': '$.__proto__.polluted' },
      b: { '@path': '$.constructor.prototype' },
      c: { '@template': '{{__proto__.polluted}}{{constructor}}' },
      d: { '@path': { '@template': '__proto__' } },
    })(hostile);
    expect(out).toEqual({ c: '' });
  });

  it('copies, merges, flattens and decodes without any object gaining a prototype', () => {
    const out = compileMapping({
      all: { '@path': '$.' },
      merged: { '@merge': { direction: 'right', objects: [{ '@path': '$.o' }, { '@path': '$.__proto__' }] } },
      flat: { '@flatten': { separator: '.', value: { '@path': '$.o' } } },
      decoded: { '@json': { mode: 'decode', value: { '@path': '$.s' } } },
      clean: { '@excludeWhenNull': { '@path': '$.o' } },
    })(hostile);
    const objects: unknown[] = [];
    const walk = (value: unknown): void => {
      if (value && typeof value === 'object') {
        objects.push(value);
        Object.values(value).forEach(walk);
      }
    };
    walk(out);
    for (const value of objects) {
      expect([Object.prototype, Array.prototype]).toContain(Object.getPrototypeOf(value));
      expect(Object.keys(value as object)).not.toContain('__proto__');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((out.all as Record<string, unknown>).o).toEqual({ k: 1 });
  });
});

describe('compileValue', () => {
  it('compiles a single field value the same way', () => {
    expect(compileValue({ '@path': '$.traits' })(event)).toEqual(event.traits);
    expect(compileValue({ a: { '@path': '$.nope' }, b: 1 })(event)).toEqual({ b: 1 });
    expect(() => compileValue({ '@path': 1 }, { path: 'x' })).toThrow('Invalid mapping at "x.@path"');
  });
});
