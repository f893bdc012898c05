// @json: encodes a value as a JSON string, or decodes a JSON string (leaving anything unparsable as it was).
import {
  argContext,
  describe,
  option,
  optionsOf,
  refuse,
  type CompileContext,
  type Evaluate,
} from './compile-context.js';

function encode(value: unknown): unknown {
  try {
    return JSON.stringify(value);
  } catch {
    // Only reachable with data nested deeper than V8's JSON limit; Segment would throw.
    return undefined;
  }
}

function decode(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export function compileJson(arg: unknown, ctx: CompileContext): Evaluate {
  const opts = optionsOf('@json', arg, ctx, ['mode', 'value']);
  const mode = option(opts, 'mode');
  if (typeof mode !== 'string' || !['encode', 'decode'].includes(mode.toLowerCase())) {
    const got = typeof mode === 'string' ? JSON.stringify(mode) : describe(mode);
    refuse(argContext(ctx, 'mode'), `@json "mode" must be "encode" or "decode", but got ${got}.`);
  }
  const raw = option(opts, 'value');
  if (!raw) refuse(argContext(ctx, 'value'), `@json needs a "value", but got ${describe(raw)}.`);
  const value = ctx.compile(raw, argContext(ctx, 'value'));
  if (mode === 'encode') return (payload) => encode(value(payload));
  if (mode === 'decode') return (payload) => decode(value(payload));
  // Segment's validator accepts "Encode" or "DECODE", and its evaluator then matches neither: nothing comes out.
  return () => undefined;
}
