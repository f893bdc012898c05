// Measures of JSON text and values: nesting depth counted without recursion (so it can be bounded before anything
// recurses), and serialized size.

const KB = 1024;

/** How deep any JSON ferry accepts may nest: tracking and admin bodies, config files, mappings. */
export const MAX_JSON_DEPTH = 64;

const MB = 1024 * KB;

export function formatBytes(bytes: number): string {
  if (bytes > 0 && bytes % MB === 0) return `${bytes / MB} MB`;
  return bytes % KB === 0 ? `${bytes / KB} KB` : `${bytes.toLocaleString('en-US')} bytes`;
}

/**
 * The deepest nesting of objects/arrays in JSON text, counted without parsing (strings skipped), stopping past `stopAt`.
 * A string is skipped to its closing quote with indexOf (most of an event's text is strings): a quote ends it unless
 * an odd number of backslashes precede it.
 */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const end = closingQuote(text, i);
      if (end < 0) return max;
      i = end;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

/** The index of the quote that closes the string opened at `open`, or -1 when none does. */
function closingQuote(text: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 92 /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

/** jsonDepth of a parsed value: the deepest nesting of its objects/arrays, stopping past `stopAt` (so a cycle ends too). */
export function valueDepth(value: unknown, stopAt: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, parentDepth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const depth = parentDepth + 1;
    if (depth > max) {
      max = depth;
      if (max > stopAt) return max;
    }
    for (const item of Array.isArray(node) ? node : Object.values(node)) stack.push([item, depth]);
  }
  return max;
}

/**
 * Bytes of `value` serialized as compact JSON. JSON.stringify recurses once per level, so callers bound the depth
 * first: ingest counts it in the text before parsing, the mapping compiler with valueDepth.
 */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** The most bytes compact JSON may spend on one number (`-0.0000012345678901234567` is 25). */
const NUMBER_BYTES = 32;

/**
 * An upper bound of jsonBytes(value) found without serializing: 6 bytes per UTF-16 unit of a string (a `\u00XX`
 * escape or a lone surrogate's `\uDXXX`; a character takes at most 3 UTF-8 bytes), 32 per number. Bounded depth only.
 */
export function jsonBytesBound(value: unknown): number {
  if (typeof value === 'string') return value.length * 6 + 2;
  if (typeof value === 'number') return NUMBER_BYTES;
  if (value === null || typeof value !== 'object') return 5;
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value as unknown[]) bytes += jsonBytesBound(item) + 1;
    return bytes;
  }
  for (const key of Object.keys(value)) bytes += key.length * 6 + 4 + jsonBytesBound((value as Record<string, unknown>)[key]);
  return bytes;
}

/** jsonBytes(value) when it is over `limit`, else undefined; a value whose bound fits is never serialized. */
export function jsonBytesOver(value: unknown, limit: number): number | undefined {
  if (jsonBytesBound(value) <= limit) return undefined;
  const bytes = jsonBytes(value);
  return bytes > limit ? bytes : undefined;
}
