// fast-check generators for the differential test's inputs: events, paths, templates and @replace texts.
// They deliberately avoid what ferry does differently on purpose (docs/mapping-compatibility.md): prototype-ish path
// segments and inherited member names, `__proto__` keys, directives Segment would only fail on at run time, and
// non-object events.
import fc from 'fast-check';

/** Keys events are built from; none of them names an inherited member (toString, constructor, ...). */
export const EVENT_KEYS = ['a', 'b', 'c', 'name', 'email', 'items', 'id', '0', '1', 'x y', 'é', 'k.d', '', 'user_id'];
const PATH_KEYS = ['a', 'b', 'c', 'name', 'email', 'items', 'id', '0', '1', 'é', 'user_id', 'length', 'missing'];
export const FIELD_KEYS = ['email', 'name', 'role', 'a', 'b', 'nested', 'list', '0', 'x y', '_metadata', 'constructor'];

export const TEXTS = ['', ' ', 'Hello', 'MiXeD Case', 'a.b.c', 'x$y$', '(1)', 'back\\slash', 'ünïcødé', 'İstanbul', '😀!',
  '{{a}}', '{{{name}}}', '{"j":1,"k":[null]}', '[1,2]', '12', 'null', '0', 'true', 'a,b', 'tab\there', '#1 + 2?'];

const eventScalar = fc.oneof(
  fc.constantFrom(...TEXTS),
  fc.string({ maxLength: 6 }),
  fc.constantFrom(0, 1, -3, 42, 1.5, 1e21),
  fc.integer({ min: -50, max: 5000 }),
  fc.constant(null),
  fc.boolean(),
);

const eventValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    eventScalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...EVENT_KEYS), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A Segment-like event: a few well-known fields plus random nested data. */
export const eventArb: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...EVENT_KEYS), eventValue, { maxKeys: 6 }),
    fc.record({
      userId: fc.oneof(fc.constant(undefined), fc.constant(null), fc.constantFrom('', 'u1', 'ID-42')),
      traits: fc.dictionary(fc.constantFrom(...EVENT_KEYS), eventValue, { maxKeys: 4 }),
      items: fc.array(fc.dictionary(fc.constantFrom(...EVENT_KEYS), eventValue, { maxKeys: 3 }), { maxLength: 3 }),
    }),
  )
  .map(([random, known]) => {
    const event: Record<string, unknown> = { ...random, traits: known.traits, items: known.items };
    if (known.userId !== undefined) event.userId = known.userId;
    return event;
  });

const segmentArb = fc.constantFrom(...PATH_KEYS);

function joinPath(segments: string[], style: number): string {
  return segments.reduce((path, segment, i) => {
    if (i === 0) return segment;
    if (style === 1 && /^\d+$/.test(segment)) return `${path}[${segment}]`;
    if (style === 2) return `${path}['${segment}']`;
    if (style === 3) return `${path}["${segment}"]`;
    return `${path}.${segment}`;
  }, '');
}

/** Paths as users write them: `$.a.b`, `a[0]`, `$.a['b']`, plus the odd ones (`$.`, `.`, `$`, `a.$.b`). */
export const pathArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('$.', '.', '', '$', '$..', 'a.$.b', '$.traits.$.name', '..a', 'items[0]]') },
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.constantFrom('$.', '$.', ''),
        fc.constantFrom('', 'traits.', 'items.0.', 'items[1].'),
        fc.array(segmentArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 3 }),
      )
      .map(([root, prefix, segments, style]) => `${root}${prefix}${joinPath(segments, style)}`),
  },
);

const templatePathArb = pathArb.map((path) => path.replace(/^\$\./, ''));

/** Template text: literal pieces, `{{path}}`, `{{ path }}` and `{{{path}}}`, with stray braces now and then. */
export const templateArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom('Hi ', ' ', '-', 'x', '{', '}', '{{', '$', 'é'),
      templatePathArb.map((path) => `{{${path}}}`),
      templatePathArb.map((path) => `{{ ${path} }}`),
      templatePathArb.map((path) => `{{{${path}}}}`),
    ),
    { maxLength: 5 },
  )
  .map((parts) => parts.join(''));

export const REPLACE_CHARS = ['.', '$', '(', ')', '\\', '*', '+', '?', '[', ']', '{', '}', '|', '^', '-', ',', '#', ' ', '\t',
  'a', 'A', 'b', 'é', 'É', 'ı', 'I', 'i', '1', '/', '😀'];
export const replaceText = (min: number, max: number) =>
  fc.array(fc.constantFrom(...REPLACE_CHARS), { minLength: min, maxLength: max }).map((chars) => chars.join('')).filter(
    (text) => text.length >= min && text.length <= max,
  );
export const replacementArb = fc.oneof(replaceText(0, 6), fc.constantFrom('$&', '$$', "$'", '$`', '$1', '$<n>', '[$&]'));

