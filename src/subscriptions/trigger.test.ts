// Triggers: Segment's FQL semantics, and broken FQL refused with a message naming the mapping.
import { describe, expect, it } from 'vitest';
import { FerryError } from '../errors.js';
import { compileTrigger } from './trigger.js';

const track = { type: 'track', event: 'Order Completed', properties: { total: 30, coupon: null }, context: { library: { name: 'analytics.js' } } };
const identify = { type: 'identify', userId: 'u1', traits: { email: 'a@b.co', plan: 'pro' } };

describe('compileTrigger', () => {
  it.each([
    ['type = "track"', track, true],
    ['type = "track"', identify, false],
    ['type = "track" and event = "Order Completed"', track, true],
    ['type = "track" and event = "Order Refunded"', track, false],
    ['properties.total > 10', track, true],
    ['properties.total < 10', track, false],
    ['type = "identify" and traits.email exists', identify, true],
    ['traits.plan = "pro" or traits.plan = "enterprise"', identify, true],
    ['contains(event, "Order")', track, true],
    ['match(event, "Order*")', track, true],
    ['context.library.name = "analytics.js"', track, true],
    ['type = "track" and (event = "a" or properties.total >= 30)', track, true],
    ['event != "Order Completed"', track, false],
  ])('%s', (fql, event, expected) => {
    expect(compileTrigger(fql, 'M')(event)).toBe(expected);
  });

  it.each([
    ['', 'the trigger is empty'],
    ['type = ', 'the FQL parser read it as `type = "eos"`'],
    ['type = "track" and', 'the FQL parser read it as `type = "track"`'],
    ['type == "track"', 'the FQL parser read it as `type = "="`'],
    ["event = 'x'", 'the FQL parser read it as `event = "\'x\'"`'],
    ['foo bar', 'the FQL parser could not read it'],
    ['(type = "track"', 'the FQL parser could not read it'],
    ['TYPE = "track"', 'the FQL parser could not read it'],
    ['(contains(type, "track")) and (type = "track")', 'the FQL parser could not read part of it'],
  ])('refuses %j', (fql, why) => {
    let error: unknown;
    try {
      compileTrigger(fql, 'Checkout', 'mappings[3].trigger');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FerryError);
    const ferryError = error as FerryError;
    expect(ferryError.code).toBe('FERRY_ERR_TRIGGER_INVALID');
    expect(ferryError.details.path).toBe('mappings[3].trigger');
    expect(ferryError.message).toContain(`Mapping 'Checkout': invalid trigger \`${fql}\`: ${why}`);
  });
});

describe('trigger size', () => {
  const conditions = (n: number, join = ' or ') => Array.from({ length: n }, (_, i) => `event = "Event ${i}"`).join(join);
  const errorOf = (fql: string) => {
    try {
      compileTrigger(fql, 'Huge', 'mappings[1].trigger');
    } catch (error) {
      return error as FerryError;
    }
    throw new Error('expected a FerryError');
  };

  it('accepts 100 conditions within 8 KB, nested in a group or not', () => {
    expect(compileTrigger(conditions(100), 'M')({ type: 'track', event: 'Event 99' })).toBe(true);
    const grouped = `type = "track" and (${conditions(99)})`;
    expect(compileTrigger(grouped, 'M')({ type: 'track', event: 'Event 42' })).toBe(true);
    expect(compileTrigger(`event = "${'x'.repeat(8 * 1024 - 10)}"`, 'M')({ event: 'x'.repeat(8 * 1024 - 10) })).toBe(true);
  });

  it('refuses the 101st condition and the 8,193rd character before parsing, without quoting the trigger', () => {
    const many = errorOf(conditions(101, ' and '));
    expect([many.code, many.message, many.details]).toEqual(['FERRY_ERR_TRIGGER_TOO_LARGE',
      "Mapping 'Huge': the trigger has 101 conditions; at most 100 are allowed", { path: 'mappings[1].trigger' }]);
    const long = errorOf(`event = "${'x'.repeat(8 * 1024 - 9)}"`);
    expect([long.code, long.message, long.details]).toEqual(['FERRY_ERR_TRIGGER_TOO_LARGE',
      "Mapping 'Huge': the trigger is 8,193 characters long; at most 8,192 are allowed", { path: 'mappings[1].trigger' }]);
    // The size that stalled the server for seconds: 40,000 conditions, refused at once.
    expect(errorOf(conditions(40_000)).message).toBe("Mapping 'Huge': the trigger is 988,886 characters long; at most 8,192 are allowed");
  });
});
