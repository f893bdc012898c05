// Differential test: ferry's compiled mappings against actions-core 3.170.0's transform and removeEmptyValues.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../errors.js';
import { compileMapping, removeEmptyValues } from './index.js';
import { sameValue, show } from './test-support/deep-equal.js';
import { EDGE_CASES } from './test-support/edge-cases.js';
import { EVENT_KEYS, FIELD_KEYS, eventArb } from './test-support/event-arbitraries.js';
import { directivesIn, mappingArb } from './test-support/mapping-arbitraries.js';

// actions-core's ESM build cannot be imported under Node; its CommonJS build can. removeEmptyValues is not exported
// from the package's entry point, so it is loaded from its file beside it.
const require = createRequire(import.meta.url);
const core = require('@segment/actions-core') as { transform: (mapping: unknown, event: unknown) => any };
const coreDir = dirname(require.resolve('@segment/actions-core'));
const segmentRemoveEmpty = require(join(coreDir, 'remove-empty-values.js')).removeEmptyValues as (
  payload: unknown,
  schema: unknown,
  isRoot: boolean,
) => any;

type Outcome = { ok: true; value: any } | { ok: false; error: string };

function runSegment(mapping: unknown, event: unknown): Outcome {
  try {
    // transform writes defaults into @replace options, so it gets its own copy.
    return { ok: true, value: core.transform(structuredClone(mapping), structuredClone(event)) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function runFerry(mapping: unknown, event: Record<string, unknown>): Outcome {
  let compiled;
  try {
    compiled = compileMapping(mapping);
  } catch (error) {
    if (error instanceof FerryError) return { ok: false, error: error.message };
    throw error;
  }
  const before = JSON.stringify(event);
  const value = compiled(event);
  expect(JSON.stringify(event), 'evaluation must not change the event').toBe(before);
  return { ok: true, value };
}

const SEED = 20_250_601;
const corpus = fc.sample(fc.tuple(mappingArb, eventArb), { seed: SEED, numRuns: 400 });

describe('compileMapping agrees with actions-core transform', () => {
  it('on 400 generated (mapping, event) pairs covering every directive', () => {
    const disagreements: unknown[] = [];
    let evaluated = 0;
    for (const [index, [mapping, event]] of corpus.entries()) {
      const theirs = runSegment(mapping, event);
      const ours = runFerry(mapping, event);
      if (theirs.ok && ours.ok) {
        evaluated += 1;
        if (!sameValue(ours.value, theirs.value)) disagreements.push(show({ index, mapping, event, theirs, ours }));
      } else if (theirs.ok !== ours.ok) {
        disagreements.push(show({ index, mapping, event, theirs, ours }));
      }
    }
    expect(disagreements).toEqual([]);
    // Pairs both sides refuse (Segment's validator and ferry agree the mapping is invalid) do not count.
    expect(evaluated).toBeGreaterThanOrEqual(300);
    const used = new Set<string>();
    for (const [mapping] of corpus) directivesIn(mapping, used);
    expect([...used].sort()).toEqual(
      ['@arrayPath', '@case', '@excludeWhenNull', '@flatten', '@if', '@json', '@literal', '@merge', '@path',
        '@replace', '@template', '@transform'].sort(),
    );
  });

  it.each(EDGE_CASES.map((edge) => [edge.name, edge] as const))('edge case: %s', (_name, edge) => {
    const theirs = runSegment(edge.mapping, edge.event);
    expect(theirs.ok, theirs.ok ? '' : theirs.error).toBe(true);
    const ours = runFerry(edge.mapping, edge.event);
    expect(ours.ok, ours.ok ? '' : ours.error).toBe(true);
    const [a, b] = [(ours as { value: unknown }).value, (theirs as { value: unknown }).value];
    expect(sameValue(a, b), `ferry ${show(a)}\nSegment ${show(b)}`).toBe(true);
  });

  it('has at least 40 hand-written edge cases', () => {
    expect(EDGE_CASES.length).toBeGreaterThanOrEqual(40);
  });
});

type Schema = { type?: unknown; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[] };

const schemaArb: fc.Arbitrary<Schema> = fc.letrec<{ schema: Schema }>((tie) => ({
  schema: fc
    .record(
      {
        type: fc.constantFrom<unknown>('string', 'number', 'integer', 'boolean', 'object', 'array', ['string', 'null'],
          ['number', 'null'], ['object', 'null'], undefined),
        properties: fc.dictionary(fc.constantFrom(...EVENT_KEYS, ...FIELD_KEYS), tie('schema'), { maxKeys: 4 }),
        items: tie('schema'),
        enum: fc.constant(['a', 'b']),
      },
      { requiredKeys: ['type'] },
    )
    .map((schema) => Object.fromEntries(Object.entries(schema).filter(([, v]) => v !== undefined)) as Schema),
})).schema;

const rootSchemaArb = fc
  .dictionary(fc.constantFrom(...FIELD_KEYS), schemaArb, { maxKeys: 6 })
  .map((properties): Schema => ({ type: 'object', properties }));

describe('removeEmptyValues agrees with actions-core removeEmptyValues (single-event call, isRoot true)', () => {
  it('on the mapped corpus with random field schemas', () => {
    const schemas = fc.sample(rootSchemaArb, { seed: SEED, numRuns: corpus.length });
    let compared = 0;
    for (const [index, [mapping, event]] of corpus.entries()) {
      const theirs = runSegment(mapping, event);
      if (!theirs.ok) continue;
      const payload = compileMapping(mapping)(event);
      const schema = schemas[index]!;
      const withSchema = [removeEmptyValues(payload, schema), segmentRemoveEmpty(theirs.value, schema, true)];
      expect(sameValue(withSchema[0], withSchema[1]), show({ schema, withSchema })).toBe(true);
      const bare = [removeEmptyValues(payload), segmentRemoveEmpty(theirs.value, { type: 'object', properties: {} }, true)];
      expect(sameValue(bare[0], bare[1]), show(bare)).toBe(true);
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(300);
  });

  it('on random JSON payloads (1000 runs)', () => {
    const payloadArb = fc.dictionary(fc.constantFrom(...FIELD_KEYS), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
    fc.assert(
      fc.property(payloadArb, rootSchemaArb, (payload, schema) => {
        const ours = removeEmptyValues(payload, schema);
        expect(sameValue(ours, segmentRemoveEmpty(payload, schema, true)), show(ours)).toBe(true);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});
