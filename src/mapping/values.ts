// Runtime helpers over event data: Segment's notion of "object", safe key writes, and its final undefined clean-up.

/**
 * Event data is walked recursively (copies, flattening, string conversion). A 32 KB event can nest thousands of
 * levels; past this depth ferry stops descending instead of overflowing the stack (Segment would throw).
 */
export const MAX_DATA_DEPTH = 1000;

const toTag = Object.prototype.toString;

/** Segment's `realTypeOf(v) === 'object'`: plain objects (and anything else tagged [object Object]). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && toTag.call(value) === '[object Object]';
}

/** Assigns without ever invoking the `__proto__` setter: such a key becomes an ordinary own property. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * Segment's final pass after resolving a mapping: arrays are copied item by item (undefined items stay), objects are
 * copied without their undefined entries. Segment copies objects with Object.assign, which turns an own `__proto__`
 * key into the copy's prototype; ferry drops that key instead, so the visible own keys are the same and nothing's
 * prototype changes.
 */
export function removeUndefined(value: unknown, depth = 0): unknown {
  if (depth > MAX_DATA_DEPTH) return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      out[i] = typeof item === 'object' && item !== null ? removeUndefined(item, depth + 1) : item;
    }
    return out;
  }
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === undefined || key === '__proto__') continue;
    // Scalars are most of an event's values: copied without a call.
    out[key] = typeof item === 'object' && item !== null ? removeUndefined(item, depth + 1) : item;
  }
  return out;
}

/** removeUndefined for a directive's result in the output: scalars pass through untouched. */
export function cleanOutput(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? removeUndefined(value) : value;
}
