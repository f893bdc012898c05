// An action whose payload check is compiled once per action (TypeBox's TypeCompiler): a payload that already fits the
// schema passes at the cost of generated code; any other goes through the kit's validation (coercion, clean-up,
// errors naming the field), so what comes out is the same either way.
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { IntercomAction } from '../destinations/intercom/index.js';

const compiled = new WeakMap<IntercomAction, IntercomAction>();

/**
 * For a payload the schema accepts as it is, the kit's Convert and Clean change nothing (nothing to coerce, no unknown
 * key: the schema allows none), so the payload itself is the answer. Mappings build a fresh payload per event.
 */
export function withCompiledValidation(action: IntercomAction): IntercomAction {
  let fast = compiled.get(action);
  if (fast === undefined) {
    const check = TypeCompiler.Compile(action.schema);
    fast = { ...action, validate: (raw) => (check.Check(raw) ? (raw as Record<string, unknown>) : action.validate(raw)) };
    compiled.set(action, fast);
  }
  return fast;
}
