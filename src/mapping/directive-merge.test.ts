// @merge: directions, Object.assign semantics, __proto__ keys and compile errors.
import { describe, expect, it } from 'vitest';
import { compileError, evaluate } from './test-support/compile-helpers.js';

const event = { traits: { name: 'Ada', plan: 'pro' }, extra: { plan: 'free', seats: 3 } };
const objects = [{ '@path': '$.traits' }, { '@path': '$.extra' }];

describe('@merge', () => {
  it('lets later objects win with "right" and earlier ones with "left"', () => {
    expect(evaluate({ '@merge': { direction: 'right', objects } }, event)).toEqual({ name: 'Ada', plan: 'free', seats: 3 });
    expect(evaluate({ '@merge': { direction: 'left', objects } }, event)).toEqual({ plan: 'pro', seats: 3, name: 'Ada' });
  });

  it('merges "Left" to the right, as Segment does', () => {
    expect(evaluate({ '@merge': { direction: 'Left', objects } }, event)).toEqual({ name: 'Ada', plan: 'free', seats: 3 });
  });

  it('lets a missing value override an earlier one (it is then left out)', () => {
    const merged = evaluate({ '@merge': { direction: 'right', objects: [{ '@path': '$.traits' }, { name: { '@path': '$.x' } }] } }, event);
    expect(merged).toEqual({ plan: 'pro' });
  });

  it('spreads strings and arrays by index and skips null, numbers and __proto__ keys', () => {
    expect(
      evaluate({ '@merge': { direction: 'right', objects: [{ '@literal': 'ab' }, { '@literal': 7 }, { '@path': '$.nil' }] } }, {
        nil: null,
      }),
    ).toEqual({ 0: 'a', 1: 'b' });
    const merged = evaluate({ '@merge': { direction: 'right', objects: [{ '@path': '$.o' }] } }, JSON.parse('{"o": {"__proto__": {"x": 1}, "k": 2}}'));
    expect(merged).toEqual({ k: 2 });
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });

  it('refuses a missing direction, a non-array objects and non-object items', () => {
    expect(compileError({ m: { '@merge': { objects } } })).toEqual({
      code: 'FERRY_ERR_MAPPING_DIRECTIVE',
      path: 'm.@merge.direction',
      message: 'Invalid mapping at "m.@merge.direction": @merge "direction" must be "left" or "right", but got nothing.',
    });
    expect(compileError({ m: { '@merge': { direction: 'left', objects: {} } } }).message).toBe(
      'Invalid mapping at "m.@merge.objects": @merge needs an "objects" array, but got an object.',
    );
    expect(compileError({ m: { '@merge': { direction: 'left', objects: [{}, 'x'] } } }).message).toBe(
      'Invalid mapping at "m.@merge.objects[1]": @merge "objects" holds objects or directives, but this is a string.',
    );
  });
});
