// @path, @template, @literal and @excludeWhenNull: the directives that read, render or pass a value through.
import {
  describe,
  directiveKeys,
  isPlainObject,
  refuse,
  type CompileContext,
  type Evaluate,
} from './compile-context.js';
import { cachedGetter, compileGetter, stripRoot } from './path.js';
import { compileTemplate, renderDynamicTemplate } from './template.js';
import { MAX_DATA_DEPTH, isRecord } from './values.js';

/**
 * The argument of @path / @template (and @arrayPath's path) is a string or a directive computing one. A directive
 * here is always checked as Segment's validator would, even where that validator does not reach: Segment would fail
 * on every event otherwise.
 */
export function compileStringArg(need: string, arg: unknown, ctx: CompileContext): string | Evaluate {
  if (typeof arg === 'string') return arg;
  if (!isPlainObject(arg) || directiveKeys(arg).length === 0) refuse(ctx, `${need}, but got ${describe(arg)}.`);
  return ctx.compile(arg, { ...ctx, validated: true });
}

export function compilePath(arg: unknown, ctx: CompileContext): Evaluate {
  const path = compileStringArg('@path needs a path string (such as "$.traits.email") or a directive', arg, ctx);
  if (typeof path === 'string') return compileGetter(stripRoot(path));
  // Segment throws when the computed path is not a string; ferry leaves the value out instead.
  return (payload) => {
    const computed = path(payload);
    return typeof computed === 'string' ? cachedGetter(stripRoot(computed))(payload) : undefined;
  };
}

export function compileTemplateDirective(arg: unknown, ctx: CompileContext): Evaluate {
  const template = compileStringArg('@template needs a template string or a directive', arg, ctx);
  if (typeof template === 'string') return compileTemplate(template);
  return (payload) => {
    const computed = template(payload);
    return typeof computed === 'string' ? renderDynamicTemplate(computed, payload) : undefined;
  };
}

/**
 * @literal's value is resolved like any mapping value (directives nested in it still run), but Segment's validator
 * does not look inside a plain object or array given to it, so there an object mixing "@" keys is plain data.
 */
function compilePassThrough(arg: unknown, ctx: CompileContext): Evaluate {
  const looked = isPlainObject(arg) && directiveKeys(arg).length > 0;
  return ctx.compile(arg, looked ? ctx : { ...ctx, validated: false });
}

export function compileLiteral(arg: unknown, ctx: CompileContext): Evaluate {
  return compilePassThrough(arg, ctx);
}

/** A copy of an object in which null entries become undefined, recursively through objects (not arrays). */
function cleanNulls(value: unknown, depth: number): unknown {
  if (!isRecord(value) || depth > MAX_DATA_DEPTH) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__') continue;
    const item = value[key];
    out[key] = item === null ? undefined : cleanNulls(item, depth + 1);
  }
  return out;
}

/** null becomes undefined (the field is left out); inside objects, null entries are left out too. */
export function compileExcludeWhenNull(arg: unknown, ctx: CompileContext): Evaluate {
  const inner = compilePassThrough(arg, ctx);
  return (payload) => {
    const value = inner(payload);
    return value === null ? undefined : cleanNulls(value, 0);
  };
}
