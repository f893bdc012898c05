// Intercom's contact search query language: compiled once per request into a predicate over contacts.
import { parameterInvalid } from '../errors.js';
import type { ContactRecord, Scalar } from './model.js';

export type ContactPredicate = (contact: ContactRecord) => boolean;

type FieldType = 'string' | 'integer' | 'date' | 'boolean' | 'any';
interface Field {
  type: FieldType;
  get: (c: ContactRecord) => Scalar | undefined;
  caseInsensitive?: boolean;
}

const DAY_SECONDS = 86_400;

/** Intercom indexes timestamps as dates: a search compares UTC days, never hours or seconds. */
const dayOf = (seconds: number | null) => (seconds === null ? null : Math.floor(seconds / DAY_SECONDS) * DAY_SECONDS);

const FIELDS: Record<string, Field> = {
  id: { type: 'string', get: (c) => c.id },
  role: { type: 'string', get: (c) => c.role },
  email: { type: 'string', get: (c) => c.email, caseInsensitive: true },
  email_domain: { type: 'string', get: (c) => c.email?.split('@')[1] ?? null, caseInsensitive: true },
  external_id: { type: 'string', get: (c) => c.externalId },
  name: { type: 'string', get: (c) => c.name },
  phone: { type: 'string', get: (c) => c.phone },
  avatar: { type: 'string', get: (c) => c.avatar },
  owner_id: { type: 'integer', get: (c) => c.ownerId },
  created_at: { type: 'date', get: (c) => dayOf(c.createdAt) },
  updated_at: { type: 'date', get: (c) => dayOf(c.updatedAt) },
  signed_up_at: { type: 'date', get: (c) => dayOf(c.signedUpAt) },
  last_seen_at: { type: 'date', get: (c) => dayOf(c.lastSeenAt) },
  unsubscribed_from_emails: { type: 'boolean', get: (c) => c.unsubscribedFromEmails },
};

const OPERATORS: Record<FieldType, readonly string[]> = {
  string: ['=', '!=', 'IN', 'NIN', '~', '!~', '^', '$'],
  integer: ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<='],
  date: ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<='],
  boolean: ['=', '!='],
  any: ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<=', '~', '!~', '^', '$'],
};
const FILTER_OPERATORS = OPERATORS.any;

export const MAX_DEPTH = 2;
export const MAX_FILTERS_PER_GROUP = 15;

// No `field` in the error item: Intercom's search errors carry only a code and a message.
const invalid = (message: string) => parameterInvalid(message);

/** Compiles a `query` (a single filter or an AND/OR group) or throws a 400 naming what is wrong. */
export function compileSearchQuery(query: unknown): ContactPredicate {
  return compileNode(query, 0);
}

function compileNode(node: unknown, depth: number): ContactPredicate {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    throw invalid('A search query must be an object with field, operator and value, or an AND/OR group');
  }
  const record = node as Record<string, unknown>;
  if (record.operator === 'AND' || record.operator === 'OR') return compileGroup(record, depth);
  return compileFilter(record);
}

function compileGroup(group: Record<string, unknown>, depth: number): ContactPredicate {
  if (depth >= MAX_DEPTH) throw invalid(`Search queries can be nested at most ${MAX_DEPTH} levels deep`);
  const value = group.value;
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(`The ${String(group.operator)} operator needs a non-empty array of filters as its value`);
  }
  if (value.length > MAX_FILTERS_PER_GROUP) {
    throw invalid(`A filter group can hold at most ${MAX_FILTERS_PER_GROUP} filters`);
  }
  const children = value.map((child) => compileNode(child, depth + 1));
  return group.operator === 'AND' ? (c) => children.every((p) => p(c)) : (c) => children.some((p) => p(c));
}

function resolveField(name: unknown): Field {
  if (typeof name !== 'string') throw invalid('field must be a string');
  // Own keys only: 'constructor' or 'toString' must be unknown fields, not Object.prototype members.
  if (Object.hasOwn(FIELDS, name)) return FIELDS[name]!;
  if (name.startsWith('custom_attributes.') && name.length > 'custom_attributes.'.length) {
    const attribute = name.slice('custom_attributes.'.length);
    return {
      type: 'any',
      get: (c) => (Object.prototype.hasOwnProperty.call(c.customAttributes, attribute) ? c.customAttributes[attribute] : null),
    };
  }
  throw invalid(`'${name}' is not a field you can search contacts by`);
}

function compileFilter(filter: Record<string, unknown>): ContactPredicate {
  const operator = filter.operator;
  if (typeof operator !== 'string' || !FILTER_OPERATORS.includes(operator)) {
    throw invalid(`operator must be AND or OR for a group, or one of ${FILTER_OPERATORS.join(' ')} for a filter`);
  }
  const field = resolveField(filter.field);
  if (!OPERATORS[field.type].includes(operator)) {
    throw invalid(`The operator '${operator}' cannot be used with the ${field.type} field '${String(filter.field)}'`);
  }
  if (!('value' in filter)) throw invalid(`The filter on '${String(filter.field)}' has no value`);
  const fieldName = String(filter.field);
  if (operator === 'IN' || operator === 'NIN') {
    if (!Array.isArray(filter.value)) throw invalid(`The ${operator} operator needs an array value`);
    const values = filter.value.map((v) => normalizeValue(field, fieldName, v));
    const inList = (c: ContactRecord) => values.some((v) => equals(field, field.get(c), v));
    return operator === 'IN' ? inList : (c) => !inList(c);
  }
  const value = normalizeValue(field, fieldName, filter.value);
  switch (operator) {
    case '=': return (c) => equals(field, field.get(c), value);
    case '!=': return (c) => !equals(field, field.get(c), value);
    case '>': return ordered(field, operator, value, (d) => d > 0);
    case '<': return ordered(field, operator, value, (d) => d < 0);
    case '>=': return ordered(field, operator, value, (d) => d >= 0);
    case '<=': return ordered(field, operator, value, (d) => d <= 0);
    default: return textMatch(field, operator, value);
  }
}

/** Dates and integers may be sent as numeric strings (Intercom's own examples do). */
function normalizeValue(field: Field, name: string, value: unknown): Scalar {
  if (value === null) return null;
  if (field.type === 'integer' || field.type === 'date') {
    const n = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) throw invalid(`The value for '${name}' must be a number`);
    return field.type === 'date' ? dayOf(n) : n;
  }
  if (field.type === 'boolean') {
    if (typeof value !== 'boolean') throw invalid(`The value for '${name}' must be true or false`);
    return value;
  }
  // The string check comes first so that an array sent to a string field is called what it is: not a string.
  if (field.type === 'string' && typeof value !== 'string') throw invalid(`The value for '${name}' must be a string`);
  if (typeof value === 'object') throw invalid(`The value for '${name}' must be a string, number or boolean`);
  return value as Scalar;
}

function equals(field: Field, actual: Scalar | undefined, expected: Scalar): boolean {
  if (actual === undefined || actual === null) return expected === null;
  if (expected === null) return false;
  if (typeof actual === 'string' && typeof expected === 'string' && field.caseInsensitive) {
    return actual.toLowerCase() === expected.toLowerCase();
  }
  return actual === expected;
}

/** Intercom orders integers and dates only, so a custom attribute is compared only when both sides are numbers. */
function ordered(field: Field, operator: string, value: Scalar, accept: (difference: number) => boolean): ContactPredicate {
  if (typeof value !== 'number') throw invalid(`The operator '${operator}' needs a number value`);
  return (c) => {
    const actual = field.get(c);
    return typeof actual === 'number' && accept(actual - value);
  };
}

function textMatch(field: Field, operator: string, value: Scalar): ContactPredicate {
  if (typeof value !== 'string') throw invalid(`The operator '${operator}' needs a string value`);
  const needle = value.toLowerCase();
  const test = (text: string): boolean => {
    switch (operator) {
      case '~': case '!~': return text.includes(needle);
      case '^': return text.startsWith(needle);
      default: return text.endsWith(needle);
    }
  };
  const negate = operator === '!~';
  return (c) => {
    const actual = field.get(c);
    const matched = typeof actual === 'string' && test(actual.toLowerCase());
    return negate ? !matched : matched;
  };
}
