// Differential test: compiled FQL subscriptions answer exactly as @segment/destination-subscriptions' validate.
import subscriptions, { type Subscription } from '@segment/destination-subscriptions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSubscription } from './condition.js';

const FIELDS = ['type', 'event', 'name', 'userId', 'properties.total', 'properties.a.b', 'traits.plan', 'traits.email', 'context.library.name', 'properties.toString', 'traits.list[0]'];
const OPERATORS = ['=', '!=', '<', '<=', '>', '>='];
const word = fc.constantFrom('track', 'identify', 'pro', 'Order Completed', '10', '3.5', 'true', 'null', '', 'a b');

/** A leaf of FQL text: comparisons, exists, contains(), match() and their negations. */
const leaf = fc.oneof(
  fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...OPERATORS), fc.oneof(word.map((w) => JSON.stringify(w)), fc.integer({ min: -5, max: 50 }).map(String), fc.constantFrom('true', 'false', 'null')))
    .map(([f, op, v]) => `${f} ${op} ${v}`),
  fc.constantFrom(...FIELDS).map((f) => `${f} exists`),
  fc.tuple(fc.constantFrom('contains', 'match'), fc.constantFrom(...FIELDS), word).map(([fn, f, w]) => `${fn}(${f}, ${JSON.stringify(fn === 'match' ? `${w}*` : w)})`),
);
const fql: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.tuple(tie('node'), fc.constantFrom('and', 'or'), tie('node')).map(([a, op, b]) => `(${a as string}) ${op} (${b as string})`), leaf.map((l) => `!(${l})`)),
})).node;

const value = fc.oneof(word, fc.integer({ min: -5, max: 50 }), fc.double({ noNaN: false }), fc.boolean(), fc.constant(null), fc.constant(undefined));
const event = fc.record(
  {
    type: fc.oneof(fc.constantFrom('track', 'identify', 'group', 'page'), value),
    event: value, name: value, userId: value,
    properties: fc.oneof(fc.record({ total: value, a: fc.oneof(value, fc.record({ b: value })) }, { requiredKeys: [] }), value),
    traits: fc.oneof(fc.record({ plan: value, email: value, list: fc.array(value, { maxLength: 2 }) }, { requiredKeys: [] }), value),
    context: fc.oneof(fc.record({ library: fc.oneof(fc.record({ name: value }), value) }, { requiredKeys: [] }), value),
  },
  { requiredKeys: [] },
);

/** A result or the fact of a throw (both throw a TypeError on a parse tree with a hole). */
function outcome(run: () => boolean): { value: boolean } | { threw: string } {
  try {
    return { value: run() };
  } catch (error) {
    return { threw: (error as Error).constructor.name };
  }
}

describe('compileSubscription', () => {
  it('agrees with validate on generated triggers and events', () => {
    let parsed = 0;
    fc.assert(
      fc.property(fql, fc.array(event, { minLength: 1, maxLength: 5 }), (text, events) => {
        const ast = subscriptions.parseFql(text) as Subscription;
        if (!('error' in ast)) parsed += 1;
        const compiled = compileSubscription(ast);
        for (const e of events) expect(outcome(() => compiled(e))).toEqual(outcome(() => subscriptions.validate(ast, e)));
      }),
      { numRuns: 1_000, seed: 20_260_601 },
    );
    // The generator must mostly produce FQL the parser accepts, or the comparison says little.
    expect(parsed).toBeGreaterThan(500);
  });

  it('agrees on the presets and on a subscription the parser refused', () => {
    for (const text of ['type = "track"', 'type = "identify"', 'type = "group"', 'type = "track" and event = "Order Completed"', 'foo bar']) {
      const ast = subscriptions.parseFql(text) as Subscription;
      for (const e of [{ type: 'track', event: 'Order Completed' }, { type: 'identify' }, { type: 'group' }, {}]) {
        expect(compileSubscription(ast)(e)).toBe(subscriptions.validate(ast, e));
      }
    }
  });
});
