// Compile-time plumbing shared by every directive: where we are in the mapping, and how to refuse a bad directive.
import { FerryError } from '../errors.js';

/** A compiled piece of a mapping: takes the event (or the current item) and returns the value Segment would. */
export type Evaluate = (payload: unknown) => unknown;

export interface CompileContext {
  /** Dotted path of this node inside the mapping, prefixed by the caller's path (e.g. `mappings[2].mapping`). */
  readonly path: string;
  /**
   * Whether Segment's mapping validator inspects this position. It never looks inside arrays nor inside the plain
   * objects given to @literal / @excludeWhenNull; there, an object mixing "@" keys with other keys is plain data.
   */
  readonly validated: boolean;
  /** Whether the value lands in the final payload, where undefined entries are dropped and event data is copied. */
  readonly output: boolean;
  readonly depth: number;
  readonly compile: (node: unknown, ctx: CompileContext) => Evaluate;
}

/** Mappings nest a handful of levels; anything deeper is a mistake or a cycle, refused before it overflows the stack. */
export const MAX_MAPPING_DEPTH = 100;

export function joinKey(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Context for a field of a plain object: same output/validation status, one level deeper. */
export function fieldContext(ctx: CompileContext, key: string): CompileContext {
  return { ...ctx, path: joinKey(ctx.path, key), depth: ctx.depth + 1 };
}

/** Context for an array item: Segment's validator does not look inside arrays. */
export function itemContext(ctx: CompileContext, index: number): CompileContext {
  return { ...ctx, path: `${ctx.path}[${index}]`, depth: ctx.depth + 1, validated: false };
}

/** Context for a directive's argument: its value feeds the directive, it is not itself the output. */
export function argContext(ctx: CompileContext, key: string, validated = ctx.validated): CompileContext {
  return { ...ctx, path: joinKey(ctx.path, key), depth: ctx.depth + 1, output: false, validated };
}

export function refuse(ctx: CompileContext, sentence: string): never {
  const where = ctx.path === '' ? 'Invalid mapping' : `Invalid mapping at "${ctx.path}"`;
  throw new FerryError('FERRY_ERR_MAPPING_DIRECTIVE', `${where}: ${sentence}`, { path: ctx.path });
}

/** "a string", "an array", "null": how a value is named in error sentences. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  if (type === 'object') return isPlainObject(value) ? 'an object' : 'a non-JSON object';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** A JSON-style object (what JSON.parse makes), not an array, class instance, Date or Map. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function directiveKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj).filter((key) => key.startsWith('@'));
}

/** Own property or undefined: options objects are read without consulting their prototype chain. */
export function option(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/**
 * The options object of a directive such as @if or @replace: a plain object without "@" keys. Its other keys are
 * validated too (Segment's validator walks every key), but not compiled.
 */
export function optionsOf(
  name: string,
  arg: unknown,
  ctx: CompileContext,
  known: readonly string[],
): Record<string, unknown> {
  if (!isPlainObject(arg)) refuse(ctx, `${name} needs an object of options, but got ${describe(arg)}.`);
  const at = directiveKeys(arg);
  if (at.length > 0) refuse(ctx, `${name} options cannot contain the directive key "${at[0]}".`);
  for (const key of Object.keys(arg)) {
    if (!known.includes(key)) ctx.compile(arg[key], argContext(ctx, key));
  }
  return arg;
}

/** A string literal or a directive object: what @path, @template and several options accept. */
export function isStringOrDirective(value: unknown): boolean {
  return typeof value === 'string' || (isPlainObject(value) && directiveKeys(value).length > 0);
}
