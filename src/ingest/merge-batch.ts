// Folds a batch's shared fields into each item: context (deep, item wins), integrations (item wins), sentAt.
import { isPlainObject } from './validate-event.js';

type Json = Record<string, unknown>;

/** Defines an own data property, so a key named "__proto__" stays data instead of changing the object's prototype. */
function setOwn(target: Json, key: string, value: unknown): void {
  // Assignment is the fast path; only "__proto__" would act on the prototype (the objects here are plain ones).
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** `over` merged onto `base` into a new object: nested objects merge, anything else from `over` replaces. */
export function deepMerge(base: Json, over: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(base)) setOwn(out, key, value);
  for (const [key, value] of Object.entries(over)) {
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    setOwn(out, key, isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value);
  }
  return out;
}

function shallowMerge(base: Json, over: Json): Json {
  const out: Json = {};
  for (const key of Object.keys(base)) setOwn(out, key, base[key]);
  for (const key of Object.keys(over)) setOwn(out, key, over[key]);
  return out;
}

export interface BatchShared {
  context?: unknown;
  integrations?: unknown;
  sentAt?: unknown;
}

/**
 * A copy of a batch item with the batch's `context` deep-merged under its own, the batch's `integrations` under its
 * own, and the batch's `sentAt` (the moment the request was sent, which the skew correction needs) replacing its own.
 * An item or item field of the wrong type is left as it is for validation to report.
 */
export function mergeBatchItem(item: unknown, shared: BatchShared): unknown {
  if (!isPlainObject(item)) return item;
  const out = shallowMerge({}, item);
  const merge = (key: 'context' | 'integrations', combine: (base: Json, over: Json) => Json) => {
    const base = shared[key];
    if (!isPlainObject(base)) return;
    const own = item[key];
    if (own === undefined || own === null) setOwn(out, key, combine(base, {}));
    else if (isPlainObject(own)) setOwn(out, key, combine(base, own));
  };
  merge('context', deepMerge);
  merge('integrations', shallowMerge);
  if (shared.sentAt !== undefined && shared.sentAt !== null) out.sentAt = shared.sentAt;
  return out;
}
