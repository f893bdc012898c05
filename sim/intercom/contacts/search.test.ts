// compileSearchQuery: every operator on the field types it applies to, nesting limits, and each refusal's message.
import { describe, expect, it } from 'vitest';
import { IntercomError } from '../errors.js';
import type { ContactRecord } from './model.js';
import { compileSearchQuery } from './search.js';

const DAY = 86_400;
/** 2020-01-01T00:00:00Z, the day of Intercom's own timestamp-search example. */
const JAN_1 = 1_577_836_800;
/** 2020-01-01T09:00:00Z: Intercom reads it as JAN_1 in a search. */
const JAN_1_9AM = 1_577_869_200;

function contact(fields: Partial<ContactRecord> & { id: string }): ContactRecord {
  return {
    role: 'user', externalId: null, email: null, phone: null, name: null, avatar: null, ownerId: null,
    unsubscribedFromEmails: false, signedUpAt: null, lastSeenAt: null, createdAt: JAN_1, updatedAt: JAN_1,
    customAttributes: {}, companyIds: [], archived: false, ...fields,
  };
}

const people: ContactRecord[] = [
  contact({
    id: 'ada', email: 'Ada@Example.com', externalId: 'ext-1', name: 'Ada Lovelace', phone: '+44 20 7946 0001',
    createdAt: JAN_1_9AM, updatedAt: JAN_1 + 2 * DAY + 60, signedUpAt: JAN_1 - DAY + 5, lastSeenAt: JAN_1 + 10 * DAY,
    ownerId: 123, customAttributes: { plan: 'Pro', seats: 10, vip: true },
  }),
  contact({
    id: 'bob', email: 'bob@sample.org', externalId: 'ext-2', name: 'Bob Stone', phone: '+1 555 0100',
    createdAt: JAN_1 + DAY + 3600, updatedAt: JAN_1 + 3 * DAY, unsubscribedFromEmails: true,
    customAttributes: { plan: 'Free', seats: 1, vip: false },
  }),
  contact({ id: 'cy', role: 'lead', email: 'cy@example.com', createdAt: JAN_1 - DAY / 2, updatedAt: JAN_1 - DAY / 2 }),
];

/** Ids of the people a query matches. */
const matching = (query: unknown) => people.filter(compileSearchQuery(query)).map((c) => c.id);

const filter = (field: string, operator: string, value: unknown) => ({ field, operator, value });

function refusalOf(query: unknown): IntercomError {
  try {
    compileSearchQuery(query);
  } catch (error) {
    if (error instanceof IntercomError) return error;
    throw error;
  }
  throw new Error(`query was accepted: ${JSON.stringify(query)}`);
}

function expectRefused(query: unknown, message: string) {
  const error = refusalOf(query);
  expect({ status: error.status, code: error.code, message: error.message, field: error.field }).toEqual({
    status: 400, code: 'parameter_invalid', message, field: undefined,
  });
}

describe('compileSearchQuery: string fields', () => {
  it.each([
    ['id', '=', 'bob', ['bob']],
    ['id', '!=', 'bob', ['ada', 'cy']],
    ['id', 'IN', ['ada', 'cy', 'nobody'], ['ada', 'cy']],
    ['id', 'NIN', ['ada'], ['bob', 'cy']],
    ['id', '~', 'o', ['bob']],
    ['id', '!~', 'a', ['bob', 'cy']],
    ['id', '^', 'a', ['ada']],
    ['id', '$', 'y', ['cy']],
    ['role', '=', 'lead', ['cy']],
    ['role', '!=', 'lead', ['ada', 'bob']],
    ['role', 'IN', ['user'], ['ada', 'bob']],
    ['role', 'NIN', ['user', 'lead'], []],
    ['external_id', '=', 'ext-1', ['ada']],
    ['external_id', '=', 'EXT-1', []],
    ['external_id', '!=', 'ext-1', ['bob', 'cy']],
    ['external_id', 'IN', ['ext-2', 'ext-9'], ['bob']],
    ['external_id', 'NIN', ['ext-2'], ['ada', 'cy']],
    ['external_id', '^', 'ext-', ['ada', 'bob']],
    ['external_id', '$', '-2', ['bob']],
    ['external_id', '~', 't-1', ['ada']],
    ['name', '=', 'Ada Lovelace', ['ada']],
    ['name', '!=', 'Ada Lovelace', ['bob', 'cy']],
    ['name', 'IN', ['Bob Stone', 'Nobody'], ['bob']],
    ['name', 'NIN', ['Bob Stone'], ['ada', 'cy']],
    ['name', '~', 'love', ['ada']],
    ['name', '!~', 'ada', ['bob', 'cy']],
    ['name', '^', 'bob', ['bob']],
    ['name', '$', 'STONE', ['bob']],
    ['phone', '=', '+1 555 0100', ['bob']],
    ['phone', '!=', '+1 555 0100', ['ada', 'cy']],
    ['phone', 'IN', ['+44 20 7946 0001'], ['ada']],
    ['phone', 'NIN', ['+44 20 7946 0001'], ['bob', 'cy']],
    ['phone', '~', '555', ['bob']],
    ['phone', '!~', '555', ['ada', 'cy']],
    ['phone', '^', '+44', ['ada']],
    ['phone', '$', '0100', ['bob']],
  ])('%s %s %j', (field, operator, value, expected) => {
    expect(matching(filter(field, operator, value))).toEqual(expected);
  });

  it.each([
    ['=', 'ada@example.com', ['ada']],
    ['=', 'ADA@EXAMPLE.COM', ['ada']],
    ['!=', 'ada@EXAMPLE.com', ['bob', 'cy']],
    ['IN', ['BOB@sample.org', 'nobody@example.com'], ['bob']],
    ['NIN', ['bob@SAMPLE.org'], ['ada', 'cy']],
    ['~', 'EXAMPLE', ['ada', 'cy']],
    ['!~', 'example', ['bob']],
    ['^', 'ADA@', ['ada']],
    ['$', '.ORG', ['bob']],
  ])('email %s %j ignores case', (operator, value, expected) => {
    expect(matching(filter('email', operator, value))).toEqual(expected);
  });
});

describe('compileSearchQuery: date fields (compared by UTC day, as Intercom indexes them)', () => {
  it.each([
    ['created_at', '=', JAN_1, ['ada']],
    ['created_at', '=', JAN_1_9AM, ['ada']],
    ['created_at', '!=', JAN_1, ['bob', 'cy']],
    ['created_at', '>', JAN_1_9AM, ['bob']],
    ['created_at', '>=', JAN_1_9AM, ['ada', 'bob']],
    ['created_at', '<', JAN_1_9AM, ['cy']],
    ['created_at', '<=', JAN_1, ['ada', 'cy']],
    ['created_at', 'IN', [JAN_1 + 100, JAN_1 - DAY], ['ada', 'cy']],
    ['created_at', 'NIN', [JAN_1], ['bob', 'cy']],
    ['updated_at', '>', JAN_1 + 2 * DAY + 3600, ['bob']],
    ['updated_at', '>=', JAN_1 + 2 * DAY + 3600, ['ada', 'bob']],
    ['updated_at', '<', JAN_1, ['cy']],
    ['signed_up_at', '<', JAN_1, ['ada']],
    ['signed_up_at', '=', JAN_1 - DAY, ['ada']],
    ['last_seen_at', '>', JAN_1, ['ada']],
    ['last_seen_at', '<=', JAN_1 + 30 * DAY, ['ada']],
  ])('%s %s %j', (field, operator, value, expected) => {
    expect(matching(filter(field, operator, value))).toEqual(expected);
  });

  it('accepts numeric strings as date values, as in Intercom examples', () => {
    expect(matching(filter('created_at', '>', String(JAN_1_9AM)))).toEqual(['bob']);
    expect(matching(filter('created_at', 'IN', [String(JAN_1)]))).toEqual(['ada']);
    expect(matching(filter('updated_at', '<=', ` ${JAN_1} `))).toEqual(['cy']);
  });

  it('never matches a contact without the date in an ordering comparison', () => {
    expect(matching(filter('signed_up_at', '>', 0))).toEqual(['ada']);
    expect(matching(filter('last_seen_at', '<', JAN_1 + 100 * DAY))).toEqual(['ada']);
  });
});

describe('compileSearchQuery: email_domain, owner_id and unsubscribed_from_emails', () => {
  it.each([
    ['email_domain', '=', 'EXAMPLE.com', ['ada', 'cy']],
    ['email_domain', '^', 'sam', ['bob']],
    ['owner_id', '=', 123, ['ada']],
    ['owner_id', '!=', 123, ['bob', 'cy']],
    ['owner_id', '>', 100, ['ada']],
    ['owner_id', '<', 100, []],
    ['owner_id', 'IN', ['123'], ['ada']],
    ['owner_id', '=', null, ['bob', 'cy']],
    ['unsubscribed_from_emails', '=', true, ['bob']],
    ['unsubscribed_from_emails', '!=', true, ['ada', 'cy']],
  ])('%s %s %j', (field, operator, value, expected) => {
    expect(matching(filter(field, operator, value))).toEqual(expected);
  });

  it('refuses operators and values these types do not take', () => {
    expectRefused(filter('owner_id', '~', '12'), "The operator '~' cannot be used with the integer field 'owner_id'");
    expectRefused(filter('owner_id', '=', 'me'), "The value for 'owner_id' must be a number");
    expectRefused(
      filter('unsubscribed_from_emails', 'IN', [true]),
      "The operator 'IN' cannot be used with the boolean field 'unsubscribed_from_emails'",
    );
    expectRefused(
      filter('unsubscribed_from_emails', '>', true),
      "The operator '>' cannot be used with the boolean field 'unsubscribed_from_emails'",
    );
    expectRefused(filter('unsubscribed_from_emails', '=', 'yes'), "The value for 'unsubscribed_from_emails' must be true or false");
  });
});

describe('compileSearchQuery: custom attributes', () => {
  it.each([
    ['custom_attributes.plan', '=', 'Pro', ['ada']],
    ['custom_attributes.plan', '!=', 'Pro', ['bob', 'cy']],
    ['custom_attributes.plan', 'IN', ['Free', 'Enterprise'], ['bob']],
    ['custom_attributes.plan', 'NIN', ['Free'], ['ada', 'cy']],
    ['custom_attributes.plan', '~', 'fre', ['bob']],
    ['custom_attributes.plan', '!~', 'r', ['cy']],
    ['custom_attributes.plan', '^', 'p', ['ada']],
    ['custom_attributes.plan', '$', 'EE', ['bob']],
    ['custom_attributes.seats', '=', 10, ['ada']],
    ['custom_attributes.seats', '!=', 10, ['bob', 'cy']],
    ['custom_attributes.seats', 'IN', [1, 2, 3], ['bob']],
    ['custom_attributes.seats', 'NIN', [10], ['bob', 'cy']],
    ['custom_attributes.seats', '>', 5, ['ada']],
    ['custom_attributes.seats', '<', 5, ['bob']],
    ['custom_attributes.seats', '>=', 10, ['ada']],
    ['custom_attributes.seats', '<=', 10, ['ada', 'bob']],
    ['custom_attributes.vip', '=', true, ['ada']],
    ['custom_attributes.vip', '=', false, ['bob']],
    ['custom_attributes.vip', '!=', true, ['bob', 'cy']],
    ['custom_attributes.never_set', '=', null, ['ada', 'bob', 'cy']],
  ])('%s %s %j', (field, operator, value, expected) => {
    expect(matching(filter(field, operator, value))).toEqual(expected);
  });
});

describe('compileSearchQuery: null values', () => {
  it.each([
    ['name', '=', ['cy']],
    ['name', '!=', ['ada', 'bob']],
    ['external_id', '=', ['cy']],
    ['phone', '!=', ['ada', 'bob']],
    ['email', '=', []],
    ['signed_up_at', '=', ['bob', 'cy']],
    ['signed_up_at', '!=', ['ada']],
    ['custom_attributes.plan', '=', ['cy']],
    ['custom_attributes.plan', '!=', ['ada', 'bob']],
  ])('%s %s null', (field, operator, expected) => {
    expect(matching(filter(field, operator, null))).toEqual(expected);
  });

  it('treats the string "null" as a string, not as no value', () => {
    expect(matching(filter('name', '=', 'null'))).toEqual([]);
  });

  it('matches null inside an IN list', () => {
    expect(matching(filter('name', 'IN', [null, 'Bob Stone']))).toEqual(['bob', 'cy']);
  });
});

describe('compileSearchQuery: AND / OR groups', () => {
  it('AND needs every filter, OR any of them', () => {
    const user = filter('role', '=', 'user');
    const example = filter('email', '~', 'example');
    expect(matching({ operator: 'AND', value: [user, example] })).toEqual(['ada']);
    expect(matching({ operator: 'OR', value: [user, example] })).toEqual(['ada', 'bob', 'cy']);
    expect(matching({ operator: 'OR', value: [filter('name', '^', 'bob'), filter('role', '=', 'lead')] })).toEqual([
      'bob', 'cy',
    ]);
  });

  it('evaluates two levels: (1 OR 2) AND (3 OR 4)', () => {
    const query = {
      operator: 'AND',
      value: [
        { operator: 'OR', value: [filter('created_at', '>', JAN_1_9AM), filter('role', '=', 'lead')] },
        { operator: 'OR', value: [filter('custom_attributes.plan', '=', 'Pro'), filter('external_id', '=', null)] },
      ],
    };
    expect(matching(query)).toEqual(['cy']);
  });

  it('accepts 15 filters in a group', () => {
    const value = Array.from({ length: 15 }, (_, i) => filter('id', '!=', `other-${i}`));
    expect(matching({ operator: 'AND', value })).toEqual(['ada', 'bob', 'cy']);
  });

  it('refuses three levels of groups', () => {
    expectRefused(
      { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [filter('id', '=', 'ada')] }] }] },
      'Search queries can be nested at most 2 levels deep',
    );
  });

  it('refuses more than 15 filters in a group, at any level', () => {
    const value = Array.from({ length: 16 }, (_, i) => filter('id', '=', `id-${i}`));
    expectRefused({ operator: 'OR', value }, 'A filter group can hold at most 15 filters');
    expectRefused({ operator: 'AND', value: [{ operator: 'OR', value }] }, 'A filter group can hold at most 15 filters');
  });

  it('refuses an empty group or a group without an array', () => {
    expectRefused({ operator: 'AND', value: [] }, 'The AND operator needs a non-empty array of filters as its value');
    expectRefused({ operator: 'OR', value: filter('id', '=', 'a') }, 'The OR operator needs a non-empty array of filters as its value');
    expectRefused({ operator: 'OR' }, 'The OR operator needs a non-empty array of filters as its value');
  });

  it('refuses a group member that is not an object', () => {
    expectRefused(
      { operator: 'AND', value: [filter('id', '=', 'a'), 'email = x'] },
      'A search query must be an object with field, operator and value, or an AND/OR group',
    );
  });
});

describe('compileSearchQuery: refusals', () => {
  it.each([null, 'email = a@b.c', 42, true, [filter('id', '=', 'a')]])('refuses a query that is not an object: %j', (query) => {
    expectRefused(query, 'A search query must be an object with field, operator and value, or an AND/OR group');
  });

  it.each(['favourite_colour', 'toString', 'constructor', '__proto__', 'custom_attributes.', 'Email'])(
    'refuses the unknown field %j',
    (field) => {
      expectRefused(filter(field, '=', 'x'), `'${field}' is not a field you can search contacts by`);
    },
  );

  it('refuses a filter without a field, or with a field that is not a string', () => {
    expectRefused({ operator: '=', value: 'x' }, 'field must be a string');
    expectRefused(filter(['email'] as unknown as string, '=', 'x'), 'field must be a string');
  });

  it.each([undefined, 'LIKE', 'and', 'in', 7])('refuses the unknown operator %j', (operator) => {
    expectRefused(
      { field: 'email', operator, value: 'x' },
      'operator must be AND or OR for a group, or one of = != IN NIN > < >= <= ~ !~ ^ $ for a filter',
    );
  });

  it.each([
    ['email', '>', 'The operator \'>\' cannot be used with the string field \'email\''],
    ['name', '<=', 'The operator \'<=\' cannot be used with the string field \'name\''],
    ['id', '>=', 'The operator \'>=\' cannot be used with the string field \'id\''],
    ['created_at', '~', 'The operator \'~\' cannot be used with the date field \'created_at\''],
    ['updated_at', '^', 'The operator \'^\' cannot be used with the date field \'updated_at\''],
    ['last_seen_at', '!~', 'The operator \'!~\' cannot be used with the date field \'last_seen_at\''],
    ['signed_up_at', '$', 'The operator \'$\' cannot be used with the date field \'signed_up_at\''],
  ])('refuses %s %s', (field, operator, message) => {
    expectRefused(filter(field, operator, operator === '~' || operator === '^' ? 'x' : 1), message);
  });

  it('refuses IN and NIN without an array', () => {
    expectRefused(filter('email', 'IN', 'a@b.c'), 'The IN operator needs an array value');
    expectRefused(filter('created_at', 'NIN', JAN_1), 'The NIN operator needs an array value');
  });

  it('refuses a filter without a value', () => {
    expectRefused({ field: 'email', operator: '=' }, "The filter on 'email' has no value");
    expectRefused({ field: 'custom_attributes.plan', operator: '~' }, "The filter on 'custom_attributes.plan' has no value");
  });

  it('refuses values of the wrong type', () => {
    expectRefused(filter('email', '=', 123), "The value for 'email' must be a string");
    expectRefused(filter('email', '=', ['a@b.c']), "The value for 'email' must be a string");
    expectRefused(filter('role', 'IN', ['user', 1]), "The value for 'role' must be a string");
    expectRefused(filter('created_at', '=', 'yesterday'), "The value for 'created_at' must be a number");
    expectRefused(filter('created_at', '>', true), "The value for 'created_at' must be a number");
    expectRefused(filter('created_at', 'IN', [JAN_1, '2020-01-01']), "The value for 'created_at' must be a number");
    expectRefused(
      filter('custom_attributes.plan', '=', { nested: 1 }),
      "The value for 'custom_attributes.plan' must be a string, number or boolean",
    );
  });

  it('refuses a text operator without a string and an ordering operator without a number', () => {
    expectRefused(filter('custom_attributes.seats', '~', 5), "The operator '~' needs a string value");
    expectRefused(filter('custom_attributes.plan', '>', 'Pro'), "The operator '>' needs a number value");
    expectRefused(filter('custom_attributes.vip', '<', true), "The operator '<' needs a number value");
    expectRefused(filter('created_at', '>', null), "The operator '>' needs a number value");
  });
});
