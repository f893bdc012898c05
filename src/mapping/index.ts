// ferry's mapping-kit compiler: Segment mapping JSON validated once and turned into closures evaluated per event.
import {
  argContext,
  describe,
  directiveKeys,
  fieldContext,
  isPlainObject,
  option,
  optionsOf,
  refuse,
  type CompileContext,
  type Evaluate,
} from './compile-context.js';
import { compileNode } from './compile-node.js';
import { chainTransform } from './directive-transform.js';
import { isRecord } from './values.js';

export { removeEmptyValues, type EmptyValueSchema } from './remove-empty-values.js';
export type { Evaluate } from './compile-context.js';

/** A compiled field mapping: the event in, the payload out (undefined entries already dropped, event data copied). */
export type CompiledMapping = (event: unknown) => Record<string, unknown>;

export interface CompileOptions {
  /** Where the mapping sits in its document (e.g. `mappings[2].mapping`); prefixed to every error's `details.path`. */
  path?: string;
}

/** Segment's UI stores a root-level @transform under this key; the other keys are the fields it feeds. */
const ROOT_DIRECTIVE_KEY = '__segment_internal_directive';

function rootContext(options: CompileOptions): CompileContext {
  return { path: options.path ?? '', validated: true, output: true, depth: 0, compile: compileNode };
}

/** Non-object events (which Segment refuses to map) are evaluated as the empty object. */
function withEvent<T>(evaluate: Evaluate): (event: unknown) => T {
  return (event) => evaluate(isRecord(event) ? event : {}) as T;
}

function compileRootTransform(mapping: Record<string, unknown>, ctx: CompileContext): Evaluate {
  const rootCtx = fieldContext(ctx, ROOT_DIRECTIVE_KEY);
  const root = mapping[ROOT_DIRECTIVE_KEY];
  if (!isPlainObject(root) || Object.keys(root).length !== 1 || !Object.hasOwn(root, '@transform')) {
    refuse(rootCtx, `"${ROOT_DIRECTIVE_KEY}" must hold a single @transform directive.`);
  }
  const transformCtx = argContext(rootCtx, '@transform');
  const opts = optionsOf('@transform', root['@transform'], transformCtx, ['apply', 'mapping']);
  const apply = option(opts, 'apply');
  if (!isPlainObject(apply)) {
    refuse(argContext(transformCtx, 'apply'), `@transform needs an object or directive as "apply", but got ${describe(apply)}.`);
  }
  const applied = compileNode(apply, argContext(transformCtx, 'apply'));
  const fields = Object.fromEntries(Object.entries(mapping).filter(([key]) => key !== ROOT_DIRECTIVE_KEY));
  return chainTransform(applied, compileNode(fields, ctx));
}

/**
 * Validates a whole field mapping and compiles it. Throws FerryError `FERRY_ERR_MAPPING_DIRECTIVE` naming the bad
 * directive's path when any directive is invalid, wherever it sits (even in an `else` that might never run).
 */
export function compileMapping(mapping: unknown, options: CompileOptions = {}): CompiledMapping {
  const ctx = rootContext(options);
  if (!isPlainObject(mapping)) refuse(ctx, `a mapping is an object of fields, but got ${describe(mapping)}.`);
  const at = directiveKeys(mapping);
  if (at.length > 0) {
    refuse(ctx, `a mapping is an object of fields; the directive "${at[0]}" belongs under a field, not at the root.`);
  }
  const evaluate = Object.hasOwn(mapping, ROOT_DIRECTIVE_KEY)
    ? compileRootTransform(mapping, ctx)
    : compileNode(mapping, ctx);
  return withEvent<Record<string, unknown>>(evaluate);
}

/** Compiles one mapping value (a field's directive, literal or object) the same way, e.g. for a field tester. */
export function compileValue(value: unknown, options: CompileOptions = {}): (event: unknown) => unknown {
  return withEvent<unknown>(compileNode(value, rootContext(options)));
}
