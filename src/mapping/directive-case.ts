// @case: lower- or upper-cases a string; any other value passes through unchanged.
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

export function compileCase(arg: unknown, ctx: CompileContext): Evaluate {
  const opts = optionsOf('@case', arg, ctx, ['operator', 'value']);
  const operator = option(opts, 'operator');
  // Segment accepts any operator string and throws on the first string value it meets; ferry refuses it up front.
  if (operator !== 'lower' && operator !== 'upper') {
    const got = typeof operator === 'string' ? JSON.stringify(operator) : describe(operator);
    refuse(argContext(ctx, 'operator'), `@case "operator" must be "lower" or "upper", but got ${got}.`);
  }
  const raw = option(opts, 'value');
  if (raw !== undefined && !isStringOrDirective(raw)) {
    refuse(argContext(ctx, 'value'), `@case "value" must be a string or a directive, but got ${describe(raw)}.`);
  }
  // A missing or empty value gives nothing at all, as in Segment.
  if (!raw) return () => undefined;
  const convert = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    return operator === 'lower' ? value.toLowerCase() : value.toUpperCase();
  };
  if (typeof raw === 'string') {
    const result = convert(raw);
    return () => result;
  }
  const value = ctx.compile(raw, argContext(ctx, 'value'));
  return (payload) => convert(value(payload));
}
