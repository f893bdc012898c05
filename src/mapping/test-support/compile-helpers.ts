// Small helpers for the mapping unit tests: evaluate one field, or capture the compile error a mapping raises.
import { FerryError } from '../../errors.js';
import { compileMapping, type CompileOptions } from '../index.js';

/** Evaluates `{ v: value }` over the event and returns field `v` (undefined when left out). */
export function evaluate(value: unknown, event: Record<string, unknown> = {}): unknown {
  return compileMapping({ v: value })(event).v;
}

export interface CaughtError {
  code: string;
  message: string;
  path: string | undefined;
}

/** The FerryError thrown while compiling; fails loudly when nothing (or something else) is thrown. */
export function compileError(mapping: unknown, options?: CompileOptions): CaughtError {
  try {
    compileMapping(mapping, options);
  } catch (error) {
    if (!(error instanceof FerryError)) throw error;
    return { code: error.code, message: error.message, path: error.details.path };
  }
  throw new Error(`expected ${JSON.stringify(mapping)} to be refused`);
}
