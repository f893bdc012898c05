// @merge: shallow-merges objects; with direction "right" later objects win, with "left" earlier ones do.
import {
  argContext,
  describe,
  isPlainObject,
  itemContext,
  option,
  optionsOf,
  refuse,
  type CompileContext,
  type Evaluate,
} from './compile-context.js';

/**
 * Object.assign semantics over resolved values: null/undefined/numbers add nothing, a string adds its characters by
 * index, an array its items by index. An own `__proto__` key is skipped — Object.assign would make it the result's
 * prototype.
 */
export function assignAll(sources: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const source of sources) {
    if (source === null || source === undefined) continue;
    if (typeof source !== 'object' && typeof source !== 'string') continue;
    const record = source as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key !== '__proto__') out[key] = record[key];
    }
  }
  return out;
}

export function compileMerge(arg: unknown, ctx: CompileContext): Evaluate {
  const opts = optionsOf('@merge', arg, ctx, ['direction', 'objects']);
  const direction = option(opts, 'direction');
  if (typeof direction !== 'string' || !['left', 'right'].includes(direction.toLowerCase())) {
    const got = typeof direction === 'string' ? JSON.stringify(direction) : describe(direction);
    refuse(argContext(ctx, 'direction'), `@merge "direction" must be "left" or "right", but got ${got}.`);
  }
  const objects = option(opts, 'objects');
  const objectsCtx = argContext(ctx, 'objects');
  if (!Array.isArray(objects)) refuse(objectsCtx, `@merge needs an "objects" array, but got ${describe(objects)}.`);
  const parts = objects.map((item: unknown, index) => {
    // Segment validates these items where it validates the @merge itself, arrays notwithstanding.
    const itemCtx = { ...itemContext(objectsCtx, index), validated: ctx.validated };
    if (!isPlainObject(item)) {
      refuse(itemCtx, `@merge "objects" holds objects or directives, but this is ${describe(item)}.`);
    }
    return ctx.compile(item, itemCtx);
  });
  // Segment's validator accepts "Left"; its evaluator compares with "left" exactly, so "Left" merges to the right.
  const leftWins = direction === 'left';
  if (leftWins) parts.reverse();
  return (payload) => {
    const values = new Array<unknown>(parts.length);
    for (let i = 0; i < parts.length; i++) values[i] = parts[i]!(payload);
    return assignAll(values);
  };
}

