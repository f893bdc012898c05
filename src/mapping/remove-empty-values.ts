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

const NO_SCHEMA: EmptyValueSchema = {};

function schemaOf(value: unknown): EmptyValueSchema {
  return typeof value === 'object' && value !== null ? (value as EmptyValueSchema) : NO_SCHEMA;
}

function typesOf(schema: EmptyValueSchema): unknown[] {
  if (schema.type === undefined || schema.type === null) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

type Clean = (value: unknown) => unknown;

const keep: Clean = (value) => value;

/**
 * The clean-up for one schema node, decided once: which types it allows, how its properties and items are cleaned.
 * Nested cleaners are made on first use, so a schema that refers to itself cannot loop.
 */
function compileClean(schema: EmptyValueSchema, isRoot: boolean): Clean {
  // A schema without `type` or `enum` (anyOf-only, say) leaves the value alone.
  if (!schema.type && !schema.enum) return keep;
  const types = typesOf(schema);
  const keepsNull = types.includes('null');
  const keepsEmpty = types.includes('string');
  const { properties, items } = schema;
  let cleanItem: Clean | undefined;
  const fields = new Map<string, Clean>();
  const cleanField = (key: string): Clean => {
    let field = fields.get(key);
    if (field === undefined) {
      field = properties && Object.hasOwn(properties, key) ? cleanerOf(schemaOf(properties[key]), false) : keep;
      fields.set(key, field);
    }
    return field;
  };
  return (value) => {
    if (Array.isArray(value)) {
      if (!items) return value;
      cleanItem ??= cleanerOf(schemaOf(items), false);
      // Items that would be empty are removed; the others are kept as they were, not cleaned.
      return value.filter((item) => cleanItem!(item) !== undefined);
    }
    if (isRecord(value)) {
      if (!properties) return value;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        if (key === '__proto__') continue;
        const cleaned = cleanField(key)(value[key]);
        if (cleaned === undefined || (cleaned === '' && isRoot)) continue;
        out[key] = cleaned;
      }
      return out;
    }
    if (value === null && !keepsNull) return undefined;
    if (value === '' && !keepsEmpty) return undefined;
    return value;
  };
}

// Action schemas are built once and never change, so their cleaners are kept (per schema object, root or not).
const rootCleaners = new WeakMap<object, Clean>();
const innerCleaners = new WeakMap<object, Clean>();

function cleanerOf(schema: EmptyValueSchema, isRoot: boolean): Clean {
  const cache = isRoot ? rootCleaners : innerCleaners;
  let clean = cache.get(schema);
  if (clean === undefined) {
    clean = compileClean(schema, isRoot);
    cache.set(schema, clean);
  }
  return clean;
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
 * Without a schema, only the first two rules apply at the top level. Schemas are read once (see cleanerOf): change
 * one after use and the change is not seen.
 */
export function removeEmptyValues(
  payload: Record<string, unknown>,
  schema: EmptyValueSchema = ANY_FIELDS,
): Record<string, unknown> {
  return cleanerOf(schema, true)(payload) as Record<string, unknown>;
}
