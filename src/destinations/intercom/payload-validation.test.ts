// An action's compiled payload check gives what the converting validation gives: the same payload, or the same error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validatePayload } from '../kit/validate.js';
import { INTERCOM_ACTIONS } from './index.js';

function outcome(run: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: run() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const scalar = fc.oneof(
  fc.string({ maxLength: 8 }), fc.constantFrom('12', '3.5', 'true', 'user', 'lead', 'a@b.co', 'https://x.example/a.png', '2024-05-01T12:00:00Z', ''),
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined),
);
const value = fc.oneof(scalar, fc.dictionary(fc.string({ maxLength: 4 }), scalar, { maxKeys: 3 }), fc.array(scalar, { maxLength: 2 }));

/** The converting path alone (Convert, Clean, Check), which the compiled fast path must agree with. */
const converting = (action: (typeof INTERCOM_ACTIONS)[number]) => ({
  validate: (raw: unknown) => validatePayload(action.key, action.schema as any, raw),
});

describe('action.validate (compiled once, fast path for payloads that fit)', () => {
  for (const action of INTERCOM_ACTIONS) {
    it(`${action.key}: same payload or same error as the kit on generated payloads`, () => {
      const fast = action;
      const slow = converting(action);
      const keys = [...action.fieldKeys, 'unknown_key'];
      fc.assert(
        fc.property(fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length }), (raw) => {
          expect(outcome(() => fast.validate(structuredClone(raw)))).toEqual(outcome(() => slow.validate(structuredClone(raw))));
        }),
        { numRuns: 2_000, seed: 20_260_602 },
      );
    });
  }

  for (const action of INTERCOM_ACTIONS) {
    it(`${action.key}: payloads of mostly well-typed fields — the fast path taken often, same results`, () => {
      const fast = action;
      const slow = converting(action);
      const properties = (action.schema as any).properties as Record<string, any>;
      const typed = (schema: any): fc.Arbitrary<unknown> => {
        if (schema.anyOf) return fc.oneof(...schema.anyOf.map(typed));
        if (schema.const !== undefined) return fc.constant(schema.const);
        switch (schema.type) {
          case 'string': return schema.format === 'email' ? fc.constantFrom('a@b.co', 'x@y.example', 'not-an-email') : schema.format === 'uri' ? fc.constantFrom('https://x.example/a.png', 'ftp://x', 'nope') : fc.string({ maxLength: 6 });
          case 'number': return fc.oneof(fc.integer(), fc.double());
          case 'boolean': return fc.boolean();
          default: return fc.oneof(fc.dictionary(fc.string({ maxLength: 3 }), scalar, { maxKeys: 3 }), fc.array(scalar, { maxLength: 1 }));
        }
      };
      const field = (schema: any) => fc.oneof({ weight: 9, arbitrary: typed(schema) }, { weight: 1, arbitrary: value });
      const record = fc.record(Object.fromEntries(Object.entries(properties).map(([key, schema]) => [key, field(schema)])), {
        requiredKeys: (action.schema as any).required,
      });
      let fastPath = 0;
      fc.assert(
        fc.property(record, (raw) => {
          const input = structuredClone(raw);
          const ours = outcome(() => fast.validate(input));
          if ('value' in ours && ours.value === input) fastPath += 1;
          expect(ours).toEqual(outcome(() => slow.validate(structuredClone(raw))));
        }),
        { numRuns: 2_000, seed: 20_260_603 },
      );
      expect(fastPath).toBeGreaterThan(100);
    });
  }

  it.each([
    ['identifyContact', { role: 'user', external_id: 'u1', email: 'a@b.co', name: 'Ada', signed_up_at: '2024-05-01T12:00:00.000Z', last_seen_at: 1714564800 }],
    ['identifyContact', { role: 'lead', email: 'a@b.co', custom_attributes: { plan: 'pro', seats: 3 } }],
    ['identifyCompany', { company_id: 'c1', name: 'Acme', size: 12, monthly_spend: 99.5, remote_created_at: '2024-05-01T12:00:00Z' }],
    ['trackEvent', { event_name: 'Order Completed', created_at: '2024-05-01T12:00:00.000Z', user_id: 'u1', revenue: 19.99, metadata: { sku: 'x', nested: { a: [1] } } }],
  ])('%s: a payload that fits passes as it is, equal to what the kit returns', (key, payload) => {
    const action = INTERCOM_ACTIONS.find((a) => a.key === key)!;
    expect(action.validate(payload)).toBe(payload);
    expect(converting(action).validate(payload)).toEqual(payload);
  });
});
