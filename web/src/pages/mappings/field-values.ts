// The field-mapping form's model: each action field as a path, a static value, a function (JSON) or left to its default.
import type { CatalogField } from './mappings-api.js';

export type FieldMode = 'unset' | 'path' | 'static' | 'json';

export interface FieldValue {
  mode: FieldMode;
  /** The path, the static text, or the JSON text, by mode. */
  text: string;
}

const onlyPath = (value: unknown): string | undefined => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const path = (value as Record<string, unknown>)['@path'];
  return keys.length === 1 && typeof path === 'string' ? path : undefined;
};

/** How the form shows one mapping value: `{"@path"}` as a path, a scalar as a static value, the rest as JSON. */
export function fieldValueOf(value: unknown): FieldValue {
  if (value === undefined) return { mode: 'unset', text: '' };
  const path = onlyPath(value);
  if (path !== undefined) return { mode: 'path', text: path };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { mode: 'static', text: String(value) };
  return { mode: 'json', text: JSON.stringify(value, null, 2) };
}

/** A new mapping starts from the action's defaults, as Segment pre-fills them. */
export function defaultFieldValues(fields: CatalogField[]): Record<string, FieldValue> {
  return Object.fromEntries(fields.map((f) => [f.key, fieldValueOf(f.defaultMapping)]));
}

/** A saved mapping's values; a field it leaves out stays unset (its default applies). */
export function savedFieldValues(fields: CatalogField[], mapping: Record<string, unknown> | undefined): Record<string, FieldValue> {
  if (mapping === undefined) return defaultFieldValues(fields);
  return Object.fromEntries(fields.map((f) => [f.key, fieldValueOf(mapping[f.key])]));
}

function staticValue(field: CatalogField, text: string): unknown {
  if (field.type === 'boolean') return text === 'true';
  if (field.type === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

export interface BuiltMapping {
  mapping: Record<string, unknown>;
  /** Field key -> what is wrong with its value. */
  problems: Record<string, string>;
}

/** The mapping-kit JSON of the form's values; unset fields are left out (their defaults apply). */
export function buildMapping(fields: CatalogField[], values: Record<string, FieldValue>): BuiltMapping {
  const mapping: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.key] ?? { mode: 'unset', text: '' };
    if (value.mode === 'unset') {
      if (field.required && field.defaultMapping === undefined) problems[field.key] = `${field.label} is required: give it a value.`;
      continue;
    }
    if (value.mode === 'path') {
      const path = value.text.trim();
      if (!/^\$(\.|$)/.test(path)) problems[field.key] = 'A path starts with "$." (such as $.traits.email).';
      else mapping[field.key] = { '@path': path };
      continue;
    }
    if (value.mode === 'static') {
      if (field.type === 'number' && !Number.isFinite(Number(value.text))) problems[field.key] = `"${value.text}" is not a number.`;
      mapping[field.key] = staticValue(field, value.text);
      continue;
    }
    try {
      mapping[field.key] = JSON.parse(value.text);
    } catch (error) {
      problems[field.key] = `Not valid JSON: ${(error as Error).message}`;
    }
  }
  return { mapping, problems };
}

/** The paths of an event's values, for suggestions: `$.userId`, `$.traits.email`, `$.properties` ... (objects too). */
export function pathsOf(event: unknown, limit = 200): string[] {
  const paths: string[] = [];
  const visit = (value: unknown, path: string, depth: number) => {
    if (paths.length >= limit) return;
    if (path !== '$') paths.push(path);
    if (depth >= 4 || typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [key, inner] of Object.entries(value)) {
      if (/^[A-Za-z_$][\w$-]*$/.test(key)) visit(inner, `${path}.${key}`, depth + 1);
    }
  };
  visit(event, '$', 0);
  return paths;
}

/** Which part of the editor an API error path names: `name`, `action`, `trigger`, or `mapping.<field>`. */
export function placeOfError(path: string | undefined): { part: 'name' | 'action' | 'trigger' | 'field' | 'mapping' | 'event' | 'other'; field?: string } {
  if (!path) return { part: 'other' };
  const [head, field] = path.split('.');
  if (head === 'name' || head === 'action' || head === 'trigger' || head === 'event') return { part: head };
  if (head === 'mapping') return field ? { part: 'field', field } : { part: 'mapping' };
  return { part: 'other' };
}

/** The value at a `$.a.b` path of an event, to preview what a path field would send. */
export function valueAtPath(event: unknown, path: string): unknown {
  if (!/^\$(\.|$)/.test(path)) return undefined;
  let value: unknown = event;
  for (const key of path.split('.').slice(1)) {
    if (key === '') return undefined;
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
