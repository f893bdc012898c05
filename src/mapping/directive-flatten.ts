// @flatten: turns nested objects (and arrays, unless omitArrays) into one level of keys joined by a separator.
import {
  argContext,
  describe,
  option,
  optionsOf,
  refuse,
  type CompileContext,
  type Evaluate,
} from './compile-context.js';
import { MAX_DATA_DEPTH, isRecord, setOwn } from './values.js';

/**
 * Segment's algorithm: a leaf (anything but an object, or an array when arrays are kept) lands under its prefix —
 * so a bare string flattens to `{"": "..."}` and an empty object contributes nothing. A key joins its parent's with
 * the separator only when the parent's prefix is not empty.
 */
export function flattenValue(input: unknown, separator: string, omitArrays: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (value: unknown, prefix: string, depth: number): void => {
    const nested = isRecord(value) || (!omitArrays && Array.isArray(value));
    if (!nested || depth > MAX_DATA_DEPTH) {
      setOwn(out, prefix, value);
      return;
    }
    for (const key of Object.keys(value)) {
      walk((value as Record<string, unknown>)[key], prefix ? `${prefix}${separator}${key}` : key, depth + 1);
    }
  };
  walk(input, '', 0);
  return out;
}

export function compileFlatten(arg: unknown, ctx: CompileContext): Evaluate {
  const opts = optionsOf('@flatten', arg, ctx, ['separator', 'value']);
  const separator = option(opts, 'separator');
  if (typeof separator !== 'string' || separator === '') {
    const got = typeof separator === 'string' ? 'an empty string' : describe(separator);
    refuse(argContext(ctx, 'separator'), `@flatten needs a non-empty "separator" string, but got ${got}.`);
  }
  const raw = option(opts, 'value');
  if (raw === undefined) refuse(argContext(ctx, 'value'), '@flatten needs a "value".');
  const value = ctx.compile(raw, argContext(ctx, 'value'));
  // Segment reads omitArrays as it is written (never as a directive), by truthiness.
  const omitArrays = Boolean(option(opts, 'omitArrays'));
  return (payload) => flattenValue(value(payload), separator, omitArrays);
}
