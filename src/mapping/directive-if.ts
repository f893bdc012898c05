// @if: `exists` (not undefined/null) or `blank` (also not loosely equal to ''), choosing `then` or `else`.
import { argContext, option, optionsOf, refuse, type CompileContext, type Evaluate } from './compile-context.js';
import { MAX_DATA_DEPTH } from './values.js';

/** Whether `value == ''` holds in JavaScript, worked out without calling a value's own toString/valueOf. */
export function looselyEmpty(value: unknown, depth = 0): boolean {
  switch (typeof value) {
    case 'string':
      return value === '';
    case 'number':
      return value === 0;
    case 'boolean':
      return value === false;
    case 'bigint':
      return value === 0n;
    case 'object':
      // An array compares through its join: '' only with no item, or one item that is null, undefined or joins to ''.
      if (!Array.isArray(value) || depth > MAX_DATA_DEPTH || value.length > 1) return false;
      return value.length === 0 || joinsEmpty(value[0], depth + 1);
    default:
      return false;
  }
}

/** An array item joins to '' when it is null, undefined, '' or an array that joins to ''; 0 and false do not. */
function joinsEmpty(item: unknown, depth: number): boolean {
  if (item === null || item === undefined) return true;
  if (typeof item === 'string') return item === '';
  return Array.isArray(item) && looselyEmpty(item, depth);
}

export function compileIf(arg: unknown, ctx: CompileContext): Evaluate {
  const opts = optionsOf('@if', arg, ctx, ['exists', 'blank', 'then', 'else']);
  const exists = option(opts, 'exists');
  const blank = option(opts, 'blank');
  if (!exists && !blank) {
    refuse(ctx, '@if needs an "exists" or a "blank" condition (a directive such as {"@path": "$.traits.email"}).');
  }
  const compile = (key: string): Evaluate | undefined => {
    const value = option(opts, key);
    return value === undefined ? undefined : ctx.compile(value, argContext(ctx, key));
  };
  const existsValue = compile('exists');
  const blankValue = compile('blank');
  const thenValue = compile('then');
  const elseValue = compile('else');
  // Segment reads `then` when it is present at all, but `else` only when it is truthy ("", 0, false, null skip it).
  const elseBranch = option(opts, 'else') ? elseValue : undefined;
  const test: Evaluate =
    existsValue !== undefined
      ? (payload) => {
          const value = existsValue(payload);
          return value !== undefined && value !== null;
        }
      : (payload) => {
          const value = blankValue!(payload);
          return value !== undefined && value !== null && !looselyEmpty(value);
        };
  return (payload) => {
    if (test(payload)) return thenValue === undefined ? undefined : thenValue(payload);
    return elseBranch === undefined ? undefined : elseBranch(payload);
  };
}
