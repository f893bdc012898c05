// @replace: literal (never regex) search-and-replace, once or globally, optionally case-insensitive, twice at most.
import {
  argContext,
  describe,
  isStringOrDirective,
  option,
  optionsOf,
  refuse,
  type CompileContext,
  type Evaluate,
} from './compile-context.js';

/** Segment's limits on `pattern` and `replacement` (and on `pattern2` / `replacement2` when used). */
export const MAX_PATTERN_LENGTH = 10;
export const MAX_REPLACEMENT_LENGTH = 10;

/**
 * Segment escapes these characters (whitespace included) with a backslash before building a RegExp, which makes the
 * pattern a literal; `$&`, `$$`, `` $` `` and `$'` in the replacement keep their String.prototype.replace meaning.
 */
const SPECIAL = /[\\^$.*+?()[\]{}|\-,#\s]/g;

function literalPattern(pattern: string, flags: string): RegExp {
  return new RegExp(pattern.replace(SPECIAL, '\\$&'), flags);
}

function checkText(ctx: CompileContext, key: string, value: string, min: number, max: number): void {
  if (value.length < min || value.length > max) {
    const range = min === 0 ? `at most ${max}` : `${min} to ${max}`;
    refuse(argContext(ctx, key), `@replace "${key}" must be ${range} characters long, but it has ${value.length}.`);
  }
}

function checkType(ctx: CompileContext, opts: Record<string, unknown>, key: string, type: string): void {
  const value = option(opts, key);
  if (value !== undefined && typeof value !== type) {
    refuse(argContext(ctx, key), `@replace "${key}" must be a ${type}, but got ${describe(value)}.`);
  }
}

export function compileReplace(arg: unknown, ctx: CompileContext): Evaluate {
  const opts = optionsOf('@replace', arg, ctx, ['pattern', 'replacement', 'value']);
  const pattern = option(opts, 'pattern');
  if (typeof pattern !== 'string') {
    refuse(argContext(ctx, 'pattern'), `@replace needs a "pattern" string, but got ${describe(pattern)}.`);
  }
  checkText(ctx, 'pattern', pattern, 1, MAX_PATTERN_LENGTH);
  checkType(ctx, opts, 'replacement', 'string');
  checkType(ctx, opts, 'global', 'boolean');
  checkType(ctx, opts, 'ignorecase', 'boolean');
  const replacement = (option(opts, 'replacement') as string | undefined) ?? '';
  checkText(ctx, 'replacement', replacement, 0, MAX_REPLACEMENT_LENGTH);
  const flags = (option(opts, 'global') === false ? '' : 'g') + (option(opts, 'ignorecase') === true ? 'i' : '');
  const first = literalPattern(pattern, flags);

  // The second pair is used only when pattern2 is a non-empty string and replacement2 a string (or absent);
  // anything else is ignored by Segment, and so here.
  const pattern2 = option(opts, 'pattern2');
  const replacement2 = option(opts, 'replacement2') ?? '';
  let second: RegExp | undefined;
  if (typeof pattern2 === 'string' && pattern2 !== '' && typeof replacement2 === 'string') {
    checkText(ctx, 'pattern2', pattern2, 1, MAX_PATTERN_LENGTH);
    checkText(ctx, 'replacement2', replacement2, 0, MAX_REPLACEMENT_LENGTH);
    second = literalPattern(pattern2, flags);
  }

  const raw = option(opts, 'value');
  if (raw === undefined || !isStringOrDirective(raw)) {
    refuse(argContext(ctx, 'value'), `@replace needs a "value" string or directive, but got ${describe(raw)}.`);
  }
  // An empty value string gives nothing at all, as in Segment.
  if (raw === '') return () => undefined;
  const replace = (input: unknown): string => {
    const text = typeof input === 'number' || typeof input === 'boolean' ? String(input) : input;
    // Anything that is not text (a missing path, null, an object) becomes '' — Segment's behaviour, kept on purpose.
    if (typeof text !== 'string') return '';
    const once = text.replace(first, replacement);
    return second === undefined ? once : once.replace(second, replacement2 as string);
  };
  if (typeof raw === 'string') {
    const result = replace(raw);
    return () => result;
  }
  const value = ctx.compile(raw, argContext(ctx, 'value'));
  return (payload) => replace(value(payload));
}
