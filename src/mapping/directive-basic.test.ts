// @path, @template, @literal and @excludeWhenNull: exact outputs and compile errors.
import { describe, expect, it } from 'vitest';
import { compileError, evaluate } from './test-support/compile-helpers.js';

const event = { userId: 'u1', traits: { email: 'a@b.c', kind: 'email', nil: null, obj: { x: null, y: { z: null } } } };

describe('@path', () => {
  it('reads a path, with or without "$."', () => {
    expect(evaluate({ '@path': '$.traits.email' }, event)).toBe('a@b.c');
    expect(evaluate({ '@path': 'traits.email' }, event)).toBe('a@b.c');
  });

  it('leaves a missing path out and keeps null', () => {
    expect(evaluate({ '@path': '$.traits.nope' }, event)).toBeUndefined();
    expect(evaluate({ '@path': '$.traits.nil' }, event)).toBeNull();
  });

  it('returns a copy of event objects, never the event itself', () => {
    const out = evaluate({ '@path': '$.traits' }, event) as Record<string, unknown>;
    expect(out).toEqual(event.traits);
    expect(out).not.toBe(event.traits);
  });

  it('takes its path from a directive', () => {
    expect(evaluate({ '@path': { '@template': 'traits.{{traits.kind}}' } }, event)).toBe('a@b.c');
  });

  it('leaves the value out when a computed path is not a string (Segment throws)', () => {
    expect(evaluate({ '@path': { '@path': '$.traits.obj' } }, event)).toBeUndefined();
  });

  it('refuses anything but a string or a directive', () => {
    expect(compileError({ email: { '@path': 5 } }, { path: 'mappings[0].mapping' })).toEqual({
      code: 'FERRY_ERR_MAPPING_DIRECTIVE',
      path: 'mappings[0].mapping.email.@path',
      message:
        'Invalid mapping at "mappings[0].mapping.email.@path": @path needs a path string (such as "$.traits.email") ' +
        'or a directive, but got a number.',
    });
    expect(compileError({ a: { '@path': { x: 1 } } }).path).toBe('a.@path');
  });
});

describe('@template', () => {
  it('renders a template, missing values as ""', () => {
    expect(evaluate({ '@template': '{{userId}}:{{traits.email}}:{{nope}}' }, event)).toBe('u1:a@b.c:');
  });

  it('renders a template computed by a directive', () => {
    expect(evaluate({ '@template': { '@literal': 'id={{userId}}' } }, event)).toBe('id=u1');
    expect(evaluate({ '@template': { '@path': '$.traits.obj' } }, event)).toBeUndefined();
  });

  it('refuses a non-string template', () => {
    expect(compileError({ a: { '@template': ['x'] } })).toMatchObject({
      path: 'a.@template',
      message: 'Invalid mapping at "a.@template": @template needs a template string or a directive, but got an array.',
    });
  });
});

describe('@literal', () => {
  it('returns its value, resolving directives nested in it', () => {
    expect(evaluate({ '@literal': 'text' })).toBe('text');
    expect(evaluate({ '@literal': null })).toBeNull();
    expect(evaluate({ '@literal': { id: { '@path': '$.userId' }, n: 1 } }, event)).toEqual({ id: 'u1', n: 1 });
  });

  it('treats an object mixing "@" keys with other keys inside it as plain data', () => {
    expect(evaluate({ '@literal': { o: { '@path': '$.userId', other: 1 } } }, event)).toEqual({
      o: { '@path': '$.userId', other: 1 },
    });
  });

  it('still refuses such an object given to it directly (Segment validates it)', () => {
    expect(compileError({ a: { '@literal': { '@path': '$.userId', other: 1 } } }).message).toBe(
      'Invalid mapping at "a.@literal": an object with the directive key "@path" cannot also have other keys ("other").',
    );
  });
});

describe('@excludeWhenNull', () => {
  it('leaves null out', () => {
    expect(evaluate({ '@excludeWhenNull': { '@path': '$.traits.nil' } }, event)).toBeUndefined();
  });

  it('leaves null entries of objects out, recursively, but not inside arrays', () => {
    expect(evaluate({ '@excludeWhenNull': { '@path': '$.traits.obj' } }, event)).toEqual({ y: {} });
    expect(evaluate({ '@excludeWhenNull': [null, { a: null }] })).toEqual([null, { a: null }]);
  });

  it('passes other values through', () => {
    expect(evaluate({ '@excludeWhenNull': 0 })).toBe(0);
    expect(evaluate({ '@excludeWhenNull': { '@path': '$.userId' } }, event)).toBe('u1');
  });
});
