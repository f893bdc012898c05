// An action's payload check compiled once; a payload that does not fit as it is goes through the kit's validation.
import { FormatRegistry, Kind, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { TypeSystemPolicy } from '@sinclair/typebox/system';
import type { IntercomAction } from '../destinations/intercom/index.js';

type Check = (value: unknown) => boolean;

const ANY_KEY = '^(.*)$';
const has = (schema: TSchema, ...keywords: string[]) => keywords.some((k) => (schema as Record<string, unknown>)[k] !== undefined);

/**
 * A check that accepts only what TypeBox accepts (it may refuse more: the kit then decides), for the kinds fields are
 * made of; undefined for anything else.
 */
function compileField(schema: TSchema): Check | undefined {
  switch (schema[Kind]) {
    case 'String': {
      if (has(schema, 'minLength', 'maxLength', 'pattern')) return undefined;
      if (schema.format === undefined) return (v) => typeof v === 'string';
      if (!FormatRegistry.Has(schema.format)) return undefined;
      const format = FormatRegistry.Get(schema.format)!;
      return (v) => typeof v === 'string' && format(v);
    }
    case 'Number':
      if (has(schema, 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf')) return undefined;
      // -0 too is left to the kit (which gives 0 back).
      return (v) => typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0);
    case 'Boolean':
      return (v) => typeof v === 'boolean';
    case 'Literal': {
      const value = schema.const as unknown;
      return (v) => v === value;
    }
    case 'Union': {
      const variants = (schema.anyOf as TSchema[]).map(compileField);
      if (variants.some((v) => v === undefined)) return undefined;
      return (v) => variants.some((check) => check!(v));
    }
    case 'Record': {
      const patterns = Object.entries((schema.patternProperties ?? {}) as Record<string, TSchema>);
      const [pattern, item] = patterns[0] ?? [];
      if (patterns.length !== 1 || pattern !== ANY_KEY || item?.[Kind] !== 'Unknown') return undefined;
      if (has(schema, 'minProperties', 'maxProperties', 'additionalProperties')) return undefined;
      return (v) => TypeSystemPolicy.IsRecordLike(v);
    }
    case 'Unknown':
      return () => true;
    default:
      return undefined;
  }
}

/** The action's object schema as one check: plain object, known keys only, each defined and valid, required present. */
function compilePayloadCheck(schema: TSchema): Check {
  const properties = (schema.properties ?? {}) as Record<string, TSchema>;
  const fields = new Map<string, Check>();
  for (const [key, field] of Object.entries(properties)) {
    const check = compileField(field);
    if (check === undefined || schema[Kind] !== 'Object' || schema.additionalProperties !== false) {
      const compiled = TypeCompiler.Compile(schema);
      return (v) => compiled.Check(v);
    }
    fields.set(key, check);
  }
  const required = (schema.required ?? []) as string[];
  return (v) => {
    if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;
    const payload = v as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(payload)) {
      const check = fields.get(key);
      const value = payload[key];
      // An undefined value is left to the kit, which knows what TypeBox makes of optional keys.
      if (check === undefined || value === undefined || !check(value)) return false;
    }
    for (const key of required) if (!Object.hasOwn(payload, key)) return false;
    return true;
  };
}

const compiled = new WeakMap<IntercomAction, IntercomAction>();

/**
 * For a payload the schema accepts as it is, the kit's Convert and Clean change nothing (nothing to coerce, no unknown
 * key: the schema allows none), so the payload itself is the answer. Mappings build a fresh payload per event.
 */
export function withCompiledValidation(action: IntercomAction): IntercomAction {
  let fast = compiled.get(action);
  if (fast === undefined) {
    const check = compilePayloadCheck(action.schema);
    fast = { ...action, validate: (raw) => (check(raw) ? (raw as Record<string, unknown>) : action.validate(raw)) };
    compiled.set(action, fast);
  }
  return fast;
}
