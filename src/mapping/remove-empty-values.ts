// What Segment does to a mapped payload before validating it: drops undefined, and null / '' where the schema says so.
import { isRecord } from './values.js';

/** The parts of a field's JSON Schema that decide what counts as empty. */
export interface EmptyValueSchema {
  type?: unknown;
  enum?: unknown;
  properties?: Record<string, unknown>;
  items?: unknown;
}

/** Used when no schema is given: an object of fields Segment knows nothing about (only root-level rules apply). */
const ANY_FIELDS: EmptyValueSchema = { type: 'object', properties: {} };

function schemaOf(value: unknown): EmptyValueSchema {
  return typeof value === 'object' && value !== null ? (value as EmptyValueSchema) : {};
}

function typesOf(schema: EmptyValueSchema): unknown[] {
  if (schema.type === undefined || schema.type === null) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function clean(value: unknown, schema: EmptyValueSchema, isRoot: boolean): unknown {
  // A schema without `type` or `enum` (anyOf-only, say) leaves the value alone.
  if (!schema.type && !schema.enum) return value;
  if (Array.isArray(value)) {
    if (!schema.items) return value;
    const itemSchema = schemaOf(schema.items);
    // Items that would be empty are removed; the others are kept as they were, not cleaned.
    return value.filter((item) => clean(item, itemSchema, false) !== undefined);
  }
  if (isRecord(value)) {
    if (!schema.properties) return value;
    const properties = schema.properties;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (key === '__proto__') continue;
      const fieldSchema = schemaOf(Object.hasOwn(properties, key) ? properties[key] : undefined);
      const cleaned = clean(value[key], fieldSchema, false);
      if (cleaned === undefined || (cleaned === '' && isRoot)) continue;
      out[key] = cleaned;
    }
    return out;
  }
  const types = typesOf(schema);
  if (value === null && !types.includes('null')) return undefined;
  if (value === '' && !types.includes('string')) return undefined;
  return value;
}

/**
 * Mirrors actions-core's removeEmptyValues as called for a single event (`isRoot` true), after the mapping ran and
 * before the payload is validated against the action's schema:
 * - a field whose value is undefined is removed, at any depth covered by `properties`;
 * - a top-level field whose value is '' is removed, whatever its schema (even a string field, even no schema);
 * - a field whose schema has a `type` or `enum` loses a null value unless that type includes "null", and a ''
 *   value unless it includes "string" — at any depth covered by `properties` / `items`;
 * - in an array whose schema has `items`, items that would be removed are dropped (the rest are kept uncleaned);
 * - objects without `properties`, arrays without `items`, and fields without `type`/`enum` are left as they are
 *   (so a null in a field the schema does not describe stays).
 * Without a schema, only the first two rules apply at the top level.
 */
export function removeEmptyValues(
  payload: Record<string, unknown>,
  schema: EmptyValueSchema = ANY_FIELDS,
): Record<string, unknown> {
  return clean(payload, schema, true) as Record<string, unknown>;
}
