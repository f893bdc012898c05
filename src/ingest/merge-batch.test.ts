// mergeBatchItem: a batch's shared context, integrations and sentAt folded into each item, item values winning.
import { describe, expect, it } from 'vitest';
import { deepMerge, mergeBatchItem } from './merge-batch.js';

describe('mergeBatchItem', () => {
  it('deep-merges context with the item winning, and merges integrations key by key', () => {
    const item = {
      type: 'track',
      context: { library: { name: 'item-lib' }, page: { path: '/x' } },
      integrations: { Intercom: false },
    };
    const shared = {
      context: { library: { name: 'batch-lib', version: '1.0' }, ip: '1.2.3.4' },
      integrations: { All: false, Intercom: true, Mixpanel: { x: 1 } },
    };
    expect(mergeBatchItem(item, shared)).toEqual({
      type: 'track',
      context: { library: { name: 'item-lib', version: '1.0' }, ip: '1.2.3.4', page: { path: '/x' } },
      integrations: { All: false, Intercom: false, Mixpanel: { x: 1 } },
    });
  });

  it('gives items without context or integrations the batch ones, and the batch sentAt to every item', () => {
    const merged = mergeBatchItem(
      { type: 'identify', sentAt: '2000-01-01T00:00:00Z' },
      { context: { ip: '1.2.3.4' }, integrations: { All: false }, sentAt: '2024-05-01T12:00:00Z' },
    );
    expect(merged).toEqual({
      type: 'identify',
      context: { ip: '1.2.3.4' },
      integrations: { All: false },
      sentAt: '2024-05-01T12:00:00Z',
    });
  });

  it('leaves items and fields of the wrong type for validation to report', () => {
    expect(mergeBatchItem('x', { context: {} })).toBe('x');
    expect(mergeBatchItem({ context: 'c' }, { context: { ip: '1' } })).toEqual({ context: 'c' });
    expect(mergeBatchItem({ a: 1 }, { context: 'c', integrations: [1] })).toEqual({ a: 1 });
  });

  it('does not mutate the item or the shared fields', () => {
    const item = { context: { a: { b: 1 } } };
    const shared = { context: { a: { c: 2 } }, integrations: { All: true } };
    const merged = mergeBatchItem(item, shared) as { context: { a: unknown } };
    expect(merged.context.a).toEqual({ b: 1, c: 2 });
    expect(item).toEqual({ context: { a: { b: 1 } } });
    expect(shared).toEqual({ context: { a: { c: 2 } }, integrations: { All: true } });
  });
});

describe('deepMerge', () => {
  it('keeps a "__proto__" key as data and never changes any prototype', () => {
    const over = JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    const merged = deepMerge(JSON.parse('{"__proto__": {"x": 1}}'), over);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
    expect(JSON.stringify(merged)).toBe('{"__proto__":{"x":1,"polluted":true},"constructor":{"prototype":{"polluted":true}}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('replaces non-objects and arrays instead of merging them', () => {
    expect(deepMerge({ a: [1, 2], b: { c: 1 }, d: 1 }, { a: [3], b: 'x', d: { e: 1 } })).toEqual({ a: [3], b: 'x', d: { e: 1 } });
  });
});
