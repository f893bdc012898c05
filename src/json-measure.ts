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

/** The deepest nesting of objects/arrays in JSON text, counted without parsing (strings skipped), stopping past `stopAt`. */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > stopAt) return max;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
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
