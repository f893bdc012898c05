// The action kit: one field declaration gives the schema, defaults and Segment-like validation with named errors.
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../errors.js';
import { defineAction } from './action.js';
import { field } from './fields.js';
import { toUnixSeconds } from './time.js';

const sample = defineAction({
  key: 'sample',
  title: 'Sample',
  description: 'A sample action.',
  defaultTrigger: 'type = "track"',
  fields: {
    role: field.choice(['user', 'lead'], { label: 'Role', description: 'r', defaultMapping: 'user' }),
    count: Type.Optional(field.number({ label: 'Count', description: 'c', defaultMapping: { '@path': '$.n' } })),
    price: Type.Optional(field.number({ label: 'Price', description: 'p' })),
    active: Type.Optional(field.boolean({ label: 'Active', description: 'a' })),
    email: Type.Optional(field.string({ label: 'Email', description: 'e' }, { format: 'email' })),
    site: Type.Optional(field.string({ label: 'Site', description: 's' }, { format: 'uri' })),
    at: Type.Optional(field.datetime({ label: 'At', description: 't' })),
    extra: Type.Optional(field.object({ label: 'Extra', description: 'x' })),
  },
  perform: async () => {},
});

function failure(raw: unknown): FerryError {
  try {
    sample.validate(raw);
  } catch (error) {
    if (error instanceof FerryError) return error;
  }
  throw new Error('expected a validation error');
}

describe('defineAction', () => {
  it('derives the JSON schema, field keys and default mapping from the fields', () => {
    expect(sample.fieldKeys).toEqual(['role', 'count', 'price', 'active', 'email', 'site', 'at', 'extra']);
    expect(sample.defaultMapping).toEqual({ role: 'user', count: { '@path': '$.n' } });
    expect(sample.schema).toMatchObject({
      type: 'object',
      required: ['role'],
      additionalProperties: false,
      properties: { role: { title: 'Role', choices: ['user', 'lead'] }, email: { format: 'email' } },
    });
  });

  it('coerces like Segment: numeric and boolean strings, and strips unknown keys', () => {
    expect(sample.validate({ role: 'lead', count: '12', price: '9.5', active: 'true', stray: 1, extra: { a: [1] } })).toEqual({
      role: 'lead', count: 12, price: 9.5, active: true, extra: { a: [1] },
    });
  });

  it('does not mutate the raw payload', () => {
    const raw = { role: 'user', count: '3' };
    sample.validate(raw);
    expect(raw).toEqual({ role: 'user', count: '3' });
  });

  it.each([
    [{}, "sample: field 'role' is required", 'role'],
    [{ role: 'admin' }, 'sample: field \'role\' must be one of user, lead, got "admin"', 'role'],
    [{ role: 'user', count: 'many' }, 'sample: field \'count\' must be a number, got "many"', 'count'],
    [{ role: 'user', active: 'maybe' }, 'sample: field \'active\' must be true or false, got "maybe"', 'active'],
    [{ role: 'user', email: 'nope' }, 'sample: field \'email\' must be an email address, got "nope"', 'email'],
    [{ role: 'user', site: 'ftp://x' }, 'sample: field \'site\' must be an http(s) URL, got "ftp://x"', 'site'],
    [{ role: 'user', at: { day: 1 } }, 'sample: field \'at\' must be a date (ISO-8601 text or unix time), got {"day":1}', 'at'],
    [{ role: 'user', extra: [1] }, "sample: field 'extra' must be an object, got [1]", 'extra'],
  ])('refuses %j naming the field', (raw, message, fieldName) => {
    const error = failure(raw);
    expect(error.code).toBe('FERRY_ERR_PAYLOAD_INVALID');
    expect(error.message).toBe(message);
    expect(error.details.field).toBe(fieldName);
  });
});

describe('toUnixSeconds (R6)', () => {
  it.each([
    ['2024-01-02T03:04:05Z', 1704164645],
    ['2024-01-02T03:04:05.999+01:00', 1704161045],
    [1704164645, 1704164645],
    [1704164645123, 1704164645],
    ['1704164645', 1704164645],
    ['1704164645123', 1704164645],
    [1704164645.9, 1704164645],
  ])('%j -> %d', (value, expected) => {
    expect(toUnixSeconds(value, 'created_at', 'trackEvent')).toBe(expected);
  });

  it('refuses an unparseable date naming the field', () => {
    expect(() => toUnixSeconds('next tuesday', 'created_at', 'trackEvent')).toThrow(
      'trackEvent: field \'created_at\' is not a date Intercom can take: "next tuesday"',
    );
  });
});
