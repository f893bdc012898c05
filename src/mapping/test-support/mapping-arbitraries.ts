// fast-check generators for the differential test: random Segment mappings combining every directive, nested.
// They deliberately avoid what ferry does differently on purpose (docs/mapping-compatibility.md): prototype-ish path
// segments and inherited member names, `__proto__` keys, directives Segment accepts but can only fail on at run
// time (a @path computed from a non-string, @transform over a scalar item), and @liquid.
import fc from 'fast-check';
import { FIELD_KEYS, TEXTS, pathArb, replaceText, replacementArb, templateArb } from './event-arbitraries.js';

export interface ValueOptions {
  /** Whether Segment's validator looks here (false inside arrays and @literal/@excludeWhenNull objects). */
  validated: boolean;
  /** Inside an @arrayPath item shape the payload may be a scalar, where @transform would fail in Segment. */
  itemShape: boolean;
}

const ROOT: ValueOptions = { validated: true, itemShape: false };
const literalScalar = fc.oneof(fc.constantFrom(...TEXTS), fc.integer({ min: -3, max: 99 }), fc.boolean(), fc.constant(null));
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

/** Drops undefined options so generated mappings are plain JSON. */
function compact(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, value]) => value !== undefined));
}

const leafDirective: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  pathArb.map((path) => ({ '@path': path })),
  templateArb.map((template) => ({ '@template': template })),
);

/** Directives that always produce a string: Segment requires one for a computed @path or @template. */
const stringDirective = fc.oneof(
  templateArb.map((template) => ({ '@template': template })),
  fc.constantFrom('traits.name', 'traits.{{a}}', 'items.0.{{traits.a}}', '$.{{traits.name}}', '').map((template) => ({
    '@template': template,
  })),
  fc.constantFrom(...TEXTS).map((text) => ({ '@literal': text })),
);

const memo = new Map<string, fc.Arbitrary<unknown>>();

function memoised(key: string, build: () => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  let arb = memo.get(key);
  if (arb === undefined) {
    arb = build();
    memo.set(key, arb);
  }
  return arb;
}

/** Any mapping value: a literal, a plain object or array of values, or a directive, up to `depth` levels deep. */
export function valueArb(depth: number, options: ValueOptions): fc.Arbitrary<unknown> {
  return memoised(`v${depth}${options.validated}${options.itemShape}`, () => {
    if (depth <= 0) return fc.oneof(literalScalar, leafDirective);
    const next = valueArb(depth - 1, options);
    const unvalidated = valueArb(depth - 1, { ...options, validated: false });
    const shapes: fc.Arbitrary<unknown>[] = [
      literalScalar,
      directiveArb(depth, options),
      directiveArb(depth, options),
      fc.dictionary(fc.constantFrom(...FIELD_KEYS), next, { maxKeys: 3 }),
      fc.array(unvalidated, { maxLength: 3 }),
    ];
    if (!options.validated) {
      // Where Segment does not validate, an object mixing "@" keys with others is plain data.
      shapes.push(fc.record({ '@path': pathArb, k: next }), fc.record({ '@template': templateArb, _metadata: next, x: next }));
    }
    return fc.oneof(...shapes);
  });
}

/** A directive object (never a bare literal), for arguments that must be a string or a directive. */
export function directiveArb(depth: number, options: ValueOptions): fc.Arbitrary<Record<string, unknown>> {
  return memoised(`d${depth}${options.validated}${options.itemShape}`, () => {
    if (depth <= 0) return leafDirective;
    const d = depth - 1;
    const value = valueArb(d, options);
    const directive = directiveArb(d, options);
    const text = fc.oneof(fc.constantFrom(...TEXTS), directive);
    const truthy = value.filter((v) => Boolean(v));
    const plainObject = fc.dictionary(fc.constantFrom(...FIELD_KEYS), value, { maxKeys: 3 });
    const loose = valueArb(d, { ...options, validated: false });
    // @literal / @excludeWhenNull arguments: Segment validates a directive given directly, not a plain object's insides.
    const passThrough = fc.oneof(
      value,
      fc.array(loose, { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...FIELD_KEYS), loose, { maxKeys: 3 }),
    );
    const arbs: fc.Arbitrary<Record<string, unknown>>[] = [
      leafDirective,
      stringDirective.map((arg) => ({ '@path': arg })),
      stringDirective.map((arg) => ({ '@template': arg })),
      fc
        .record({ exists: optional(value), blank: optional(value), then: optional(value), else: optional(value) })
        .filter((o) => Boolean(o.exists) || Boolean(o.blank))
        .map((o) => ({ '@if': compact(o) })),
      fc
        .record({ operator: fc.constantFrom('lower', 'upper'), value: optional(fc.oneof(text, fc.constant(''))) })
        .map((o) => ({ '@case': compact(o) })),
      fc
        .record({
          pattern: replaceText(1, 10),
          replacement: optional(replacementArb),
          value: fc.oneof(text, fc.constant('')),
          global: optional(fc.boolean()),
          ignorecase: optional(fc.boolean()),
          pattern2: optional(fc.oneof(replaceText(0, 10), fc.constant(7))),
          replacement2: optional(replacementArb),
        })
        .map((o) => ({ '@replace': compact(o) })),
      fc
        .tuple(
          fc.oneof(pathArb, stringDirective, directive),
          optional(fc.oneof(
            fc.dictionary(fc.constantFrom(...FIELD_KEYS), valueArb(d, { ...options, itemShape: true }), { maxKeys: 3 }),
            directiveArb(d, { ...options, itemShape: true }),
            fc.constant({}),
          )),
        )
        .map(([path, shape]) => ({ '@arrayPath': shape === undefined ? [path] : [path, shape] })),
      fc
        .record({ mode: fc.constantFrom('encode', 'decode', 'decode', 'Encode'), value: truthy })
        .map((o) => ({ '@json': o })),
      fc
        .record({ separator: fc.constantFrom('.', '_', '->', ' '), value, omitArrays: optional(fc.boolean()) })
        .map((o) => ({ '@flatten': compact(o) })),
      fc
        .record({
          direction: fc.constantFrom('left', 'right', 'Left'),
          objects: fc.array(fc.oneof(directive, plainObject), { maxLength: 3 }),
        })
        .map((o) => ({ '@merge': o })),
      passThrough.map((arg) => ({ '@literal': arg })),
      passThrough.map((arg) => ({ '@excludeWhenNull': arg })),
    ];
    if (!options.itemShape) {
      arbs.push(
        fc
          .record({
            // Segment validates `apply` each time it runs it, wherever the @transform sits.
            apply: fc.dictionary(fc.constantFrom(...FIELD_KEYS), valueArb(d, { ...options, validated: true }), { maxKeys: 3 }),
            mapping: fc.oneof(plainObject, directive),
          })
          .map((o) => ({ '@transform': o })),
      );
    }
    return fc.oneof(...arbs).chain((d) =>
      fc.integer({ min: 0, max: 9 }).map((n) => (n === 0 ? { ...d, _metadata: { note: 'ignored' } } : d)),
    );
  }) as fc.Arbitrary<Record<string, unknown>>;
}

/** A whole field mapping: 1 to 5 fields, directives nested up to three levels. */
export const mappingArb: fc.Arbitrary<Record<string, unknown>> = fc.dictionary(
  fc.constantFrom(...FIELD_KEYS),
  valueArb(3, ROOT),
  { minKeys: 1, maxKeys: 5 },
);

/** Directive names used anywhere in a mapping, to show the corpus exercises all of them. */
export function directivesIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => directivesIn(item, found));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith('@')) found.add(key);
      directivesIn(item, found);
    }
  }
  return found;
}
