// @arrayPath: picks a list (or one object, as a list of one) and maps each item through an item shape.
import { describe, refuse, type CompileContext, type Evaluate } from './compile-context.js';
import { compileStringArg } from './directive-basic.js';
import { compileGetter, stripRoot } from './path.js';
import { isRecord } from './values.js';

export function compileArrayPath(arg: unknown, ctx: CompileContext): Evaluate {
  if (!Array.isArray(arg)) {
    refuse(ctx, `@arrayPath needs an array [path, item shape], but got ${describe(arg)}.`);
  }
  const need = '@arrayPath needs a path string or a directive as its first item';
  const pathArg = compileStringArg(need, arg[0], { ...ctx, path: `${ctx.path}[0]`, depth: ctx.depth + 1 });
  const root: Evaluate = typeof pathArg === 'string' ? compileGetter(stripRoot(pathArg)) : pathArg;
  const shapeArg: unknown = arg[1];
  // Segment validates the item shape (not further items, which it ignores) as a mapping value.
  const shape = arg.length > 1 ? ctx.compile(shapeArg, { ...ctx, path: `${ctx.path}[1]`, depth: ctx.depth + 1 }) : undefined;
  // Without an item shape that is a non-empty object (directives included), the list is returned as it is.
  if (shape === undefined || !isRecord(shapeArg) || Object.keys(shapeArg).length === 0) return root;
  return (payload) => {
    const list = root(payload);
    if (Array.isArray(list)) {
      const out = new Array<unknown>(list.length);
      for (let i = 0; i < list.length; i++) out[i] = shape(list[i]);
      return out;
    }
    return isRecord(list) ? [shape(list)] : list;
  };
}
