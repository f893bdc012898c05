// Payload validation with Segment-like coercion ("12" -> 12, "true" -> true), unknown keys stripped, errors naming the field.
import type { Static, TObject, TProperties, TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { FerryError } from '../../errors.js';
import { FORMAT_DESCRIPTIONS } from './formats.js';

function describeExpected(schema: TSchema): string {
  const choices = (schema as { choices?: readonly string[] }).choices;
  if (choices) return `one of ${choices.join(', ')}`;
  if (schema.format === 'date-time') return 'a date (ISO-8601 text or unix time)';
  if (typeof schema.format === 'string' && FORMAT_DESCRIPTIONS[schema.format]) return FORMAT_DESCRIPTIONS[schema.format]!;
  switch (schema.type) {
    case 'number': return 'a number';
    case 'boolean': return 'true or false';
    case 'object': return 'an object';
    default: return 'text';
  }
}

function message(actionKey: string, error: ValueError): { text: string; field: string } {
  const field = error.path.replace(/^\//, '').replace(/\//g, '.');
  if (error.type === ValueErrorType.ObjectRequiredProperty) return { text: `${actionKey}: field '${field}' is required`, field };
  return {
    text: `${actionKey}: field '${field}' must be ${describeExpected(error.schema)}, got ${JSON.stringify(error.value)}`,
    field,
  };
}

/** The payload as the action's schema accepts it, or a FerryError naming the first bad field. */
export function validatePayload<F extends TProperties>(actionKey: string, schema: TObject<F>, raw: unknown): Static<TObject<F>> {
  const converted = Value.Clean(schema, Value.Convert(schema, Value.Clone(raw)));
  const first = Value.Errors(schema, converted).First();
  if (first) {
    const { text, field } = message(actionKey, first);
    throw new FerryError('FERRY_ERR_PAYLOAD_INVALID', text, { field });
  }
  return converted as Static<TObject<F>>;
}

/** Plain object with no undefined or -0 value: then Convert and Clean would change nothing it holds. */
function isSettled(raw: unknown): raw is Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return false;
  for (const value of Object.values(raw)) if (value === undefined || Object.is(value, -0)) return false;
  return true;
}

/**
 * validatePayload with the schema compiled once: a payload that already fits (nothing to coerce, no unknown key — the
 * schema allows none) is the answer as it is; anything else takes the converting path. Mappings build a fresh payload
 * per event, so handing it back is safe.
 */
export function compilePayloadValidator<F extends TProperties>(actionKey: string, schema: TObject<F>) {
  const compiled = TypeCompiler.Compile(schema);
  return (raw: unknown): Static<TObject<F>> =>
    isSettled(raw) && compiled.Check(raw) ? (raw as Static<TObject<F>>) : validatePayload(actionKey, schema, raw);
}
