// The compiler's dispatcher: literals, arrays, plain objects and directive objects, each turned into a closure once.
import {
  MAX_MAPPING_DEPTH,
  argContext,
  describe,
  directiveKeys,
  fieldContext,
  isPlainObject,
  itemContext,
  refuse,
  type CompileContext,
  type Evaluate,
} from './compile-context.js';
import { DIRECTIVES, UNSUPPORTED } from './directives.js';
import { cleanOutput } from './values.js';

function compileLiteral(node: unknown, ctx: CompileContext): Evaluate {
  const type = typeof node;
  if (node === null || node === undefined || type === 'string' || type === 'number' || type === 'boolean') {
    return () => node;
  }
  return refuse(ctx, `a mapping holds JSON values only, but this is ${describe(node)}.`);
}

function compileArray(node: readonly unknown[], ctx: CompileContext): Evaluate {
  const items = node.map((item, index) => ctx.compile(item, itemContext(ctx, index)));
  return (payload) => {
    const out = new Array<unknown>(items.length);
    for (let i = 0; i < items.length; i++) out[i] = items[i]!(payload);
    return out;
  };
}

function compileObject(node: Record<string, unknown>, ctx: CompileContext): Evaluate {
  const keys = Object.keys(node);
  if (keys.includes('__proto__')) refuse(fieldContext(ctx, '__proto__'), 'a mapping key cannot be "__proto__".');
  const fields = keys.map((key) => ctx.compile(node[key], fieldContext(ctx, key)));
  if (ctx.output) {
    // Final payload: build the object without undefined entries directly instead of cleaning it afterwards.
    // Keys are the mapping's own, "__proto__" refused above: plain assignment cannot reach a prototype.
    return (payload) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const value = fields[i]!(payload);
        if (value !== undefined) out[keys[i]!] = value;
      }
      return out;
    };
  }
  return (payload) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) out[keys[i]!] = fields[i]!(payload);
    return out;
  };
}

function compileDirective(node: Record<string, unknown>, name: string, ctx: CompileContext): Evaluate {
  const directive = DIRECTIVES.get(name);
  const at = argContext(ctx, name);
  if (directive === undefined) {
    const why = UNSUPPORTED.get(name);
    if (why !== undefined) refuse(at, why);
    return refuse(at, `"${name}" is not a mapping directive (known: ${[...DIRECTIVES.keys()].join(', ')}).`);
  }
  const evaluate = directive(node[name], at);
  if (!ctx.output) return evaluate;
  return (payload) => cleanOutput(evaluate(payload));
}

/** Compiles any mapping value. Recursion goes through `ctx.compile`, which is this function. */
export function compileNode(node: unknown, ctx: CompileContext): Evaluate {
  if (ctx.depth > MAX_MAPPING_DEPTH) refuse(ctx, `the mapping nests deeper than ${MAX_MAPPING_DEPTH} levels.`);
  if (Array.isArray(node)) return compileArray(node, ctx);
  if (node === null || typeof node !== 'object') return compileLiteral(node, ctx);
  if (!isPlainObject(node)) return refuse(ctx, `a mapping holds JSON values only, but this is ${describe(node)}.`);
  const at = directiveKeys(node);
  if (at.length === 0) return compileObject(node, ctx);
  const others = Object.keys(node).filter((key) => !key.startsWith('@') && key !== '_metadata');
  if (others.length > 0) {
    // Where Segment's validator does not look, such an object is plain data whose "@" keys are ordinary keys.
    if (!ctx.validated) return compileObject(node, ctx);
    refuse(ctx, `an object with the directive key "${at[0]}" cannot also have other keys (${quoteList(others)}).`);
  }
  if (at.length > 1) refuse(ctx, `an object can hold only one directive, but this one has ${quoteList(at)}.`);
  return compileDirective(node, at[0]!, ctx);
}

function quoteList(keys: readonly string[]): string {
  return keys.map((key) => `"${key}"`).join(', ');
}
