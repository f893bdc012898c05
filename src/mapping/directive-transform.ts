// @transform: evaluates `apply` as a mapping over the payload, then `mapping` over that result.
import {
  argContext,
  describe,
  isPlainObject,
  option,
  optionsOf,
  refuse,
  type CompileContext,
  type Evaluate,
} from './compile-context.js';
import { isRecord, removeUndefined } from './values.js';

function compileMappingArg(opts: Record<string, unknown>, key: string, ctx: CompileContext, validated: boolean) {
  const raw = option(opts, key);
  const at = argContext(ctx, key, validated);
  if (!isPlainObject(raw)) refuse(at, `@transform needs an object or directive as "${key}", but got ${describe(raw)}.`);
  return ctx.compile(raw, at);
}

/** The intermediate payload: like a whole transform, `apply` runs on an object and loses its undefined entries. */
export function chainTransform(apply: Evaluate, mapping: Evaluate): Evaluate {
  return (payload) => {
    const input = payload === undefined ? {} : payload;
    // Segment throws when the payload is not an object (an @arrayPath item, say); ferry leaves the value out.
    if (!isRecord(input)) return undefined;
    return mapping(removeUndefined(apply(input)));
  };
}

export function compileTransform(arg: unknown, ctx: CompileContext): Evaluate {
  const opts = optionsOf('@transform', arg, ctx, ['apply', 'mapping']);
  // Segment validates `apply` again whenever it runs it, so it is checked fully wherever @transform appears.
  const apply = compileMappingArg(opts, 'apply', ctx, true);
  const mapping = compileMappingArg(opts, 'mapping', ctx, ctx.validated);
  return chainTransform(apply, mapping);
}
