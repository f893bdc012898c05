// Measures of JSON text and values (nesting depth, serialized size) that never recurse, so no input can overflow the stack.

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

const SKIPPED = -1;
// Printable ASCII other than " and \: written as is, one byte each (the usual case, measured without serializing).
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function stringBytes(text: string): number {
  return PLAIN.test(text) ? text.length + 2 : Buffer.byteLength(JSON.stringify(text), 'utf8');
}

/** What JSON.stringify serializes in place of `value` under `key`: toJSON's result, boxed primitives unboxed. */
function serializable(value: unknown, key: string): unknown {
  let out = value;
  if ((out !== null && typeof out === 'object') || typeof out === 'bigint') {
    const toJSON = (out as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') out = toJSON.call(out, key);
  }
  if (out instanceof Number) return Number(out);
  if (out instanceof String) return String(out);
  if (out instanceof Boolean) return out.valueOf();
  return out;
}

/** Bytes of a non-container value as JSON; SKIPPED for what JSON.stringify leaves out (undefined, functions, symbols). */
function scalarBytes(value: unknown): number {
  switch (typeof value) {
    case 'string': return stringBytes(value);
    case 'number': return Number.isFinite(value) ? String(value).length : 4;
    case 'boolean': return value ? 4 : 5;
    case 'bigint': throw new TypeError('Do not know how to serialize a BigInt');
    case 'object': return 4; // null
    default: return SKIPPED;
  }
}

interface Frame {
  container: object;
  /** Own keys of an object; undefined for an array. */
  keys: readonly string[] | undefined;
  next: number;
  written: boolean;
}

/**
 * Bytes of `value` serialized as compact JSON: what Buffer.byteLength(JSON.stringify(value)) gives (0 when it gives
 * undefined), measured with an explicit stack instead of JSON.stringify's recursion.
 */
export function jsonBytes(value: unknown): number {
  const frames: Frame[] = [];
  const open = new Set<object>();
  let total = 0;
  // Adds a value's bytes, or opens its container; false when JSON.stringify would leave it out.
  const enter = (raw: unknown, key: string): boolean => {
    const item = serializable(raw, key);
    if (item === null || typeof item !== 'object') {
      const bytes = scalarBytes(item);
      if (bytes === SKIPPED) return false;
      total += bytes;
      return true;
    }
    if (open.has(item)) throw new TypeError('Converting circular structure to JSON');
    open.add(item);
    frames.push({ container: item, keys: Array.isArray(item) ? undefined : Object.keys(item), next: 0, written: false });
    total += 1;
    return true;
  };
  if (!enter(value, '')) return 0;
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.keys === undefined) {
      const array = frame.container as unknown[];
      if (frame.next < array.length) {
        const index = frame.next++;
        if (index > 0) total += 1;
        if (!enter(array[index], String(index))) total += 4; // an array writes null for what it cannot hold
        continue;
      }
    } else if (frame.next < frame.keys.length) {
      const key = frame.keys[frame.next++]!;
      const before = total;
      total += (frame.written ? 1 : 0) + stringBytes(key) + 1;
      if (enter((frame.container as Record<string, unknown>)[key], key)) frame.written = true;
      else total = before;
      continue;
    }
    total += 1;
    open.delete(frame.container);
    frames.pop();
  }
  return total;
}
