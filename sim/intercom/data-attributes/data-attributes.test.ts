// Data attributes over HTTP: the list, creating custom attributes and Intercom's refusals, and the control shortcut.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectedError, useSimulator } from '../test-support/harness.js';

const sim = useSimulator();

const T0 = 1_700_000_000;

afterEach(() => {
  vi.useRealTimers();
});

/** An error envelope whose single error names the offending field. */
function expectedFieldError(code: string, message: string, field: string) {
  return { type: 'error.list', request_id: expect.any(String), errors: [{ code, message, field }] };
}

async function createAttribute(body: Record<string, unknown>) {
  const res = await sim.api('POST', '/data_attributes', body);
  expect(res.status).toBe(200);
  return res.body;
}

async function listAttributes(query = '') {
  const res = await sim.api('GET', `/data_attributes${query}`);
  expect(res.status).toBe(200);
  return res.body.data as any[];
}

// Intercom 2.11's built-in company attributes as its reference answer lists them:
// [name, full_name, label, description, data_type, api_writable].
const COMPANY_BUILTINS: Array<[string, string, string, string, string, boolean]> = [
  ['name', 'name', 'Company name', 'The name of a company', 'string', true],
  ['company_id', 'company_id', 'Company ID', 'A number identifying a company', 'string', false],
  ['last_request_at', 'last_request_at', 'Company last seen', 'The last day anyone from a company visited your site or app', 'date', false],
  ['remote_created_at', 'remote_created_at', 'Company created at', 'The day a company was added to Intercom', 'date', true],
  ['user_count', 'user_count', 'People', 'The number of people in a company', 'integer', false],
  ['session_count', 'session_count', 'Company web sessions', "All visits from anyone in a company to your product's site or app", 'integer', false],
  ['name', 'plan.name', 'Plan', 'A specific plan or level within your product that companies have signed up to', 'string', false],
  ['monthly_spend', 'monthly_spend', 'Monthly Spend', 'The monthly revenue you receive from a company', 'float', true],
  ['size', 'size', 'Company size', 'The number of people employed in this company, expressed as a single number', 'integer', true],
  ['industry', 'industry', 'Company industry', "The category or domain this company belongs to e.g. 'ecommerce' or 'SaaS'", 'string', true],
  ['website', 'website', 'Company website', "The web address for the company's primary marketing site", 'string', true],
  ['id', 'id', 'ID', 'The Intercom defined id representing the company', 'string', false],
  ['created_at', 'created_at', 'Created at', 'The time the company was added to Intercom', 'date', false],
  ['updated_at', 'updated_at', 'Updated at', 'The last time the company was updated', 'date', false],
  ['id', 'plan.id', 'Plan ID', 'The Intercom defined id representing the plan', 'string', false],
  ['app_id', 'app_id', 'App ID', 'The Intercom defined id representing the app', 'string', false],
];

const builtin = ([name, fullName, label, description, dataType, apiWritable]: (typeof COMPANY_BUILTINS)[number]) => ({
  type: 'data_attribute',
  name,
  full_name: fullName,
  label,
  description,
  data_type: dataType,
  api_writable: apiWritable,
  ui_writable: false,
  messenger_writable: true,
  custom: false,
  archived: false,
  model: 'company',
});

describe('GET /data_attributes', () => {
  it('lists the built-in attributes of contacts and companies as a list, none of them custom', async () => {
    const res = await sim.api('GET', '/data_attributes');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ type: 'list', data: expect.any(Array) });
    const data = res.body.data as any[];
    expect(data.every((a) => a.type === 'data_attribute' && a.custom === false && a.archived === false)).toBe(true);
    expect(new Set(data.map((a) => a.model))).toEqual(new Set(['contact', 'company']));
    expect(data).toContainEqual(expect.objectContaining({
      name: 'email', full_name: 'email', data_type: 'string', api_writable: true, custom: false, model: 'contact',
    }));
    expect(data).toContainEqual(expect.objectContaining({
      name: 'external_id', full_name: 'external_id', data_type: 'string', api_writable: true, model: 'contact',
    }));
    expect(data).toContainEqual(expect.objectContaining({ name: 'id', full_name: 'id', api_writable: false, model: 'contact' }));
  });

  it('filters by model: company gives exactly the built-in company attributes Intercom documents', async () => {
    expect(await listAttributes('?model=company')).toEqual(COMPANY_BUILTINS.map(builtin));
    const contacts = await listAttributes('?model=contact');
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.every((a) => a.model === 'contact')).toBe(true);
  });

  it('answers an empty list for conversations', async () => {
    const res = await sim.api('GET', '/data_attributes?model=conversation');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ type: 'list', data: [] });
  });

  it('refuses an unknown model', async () => {
    const res = await sim.api('GET', '/data_attributes?model=bogus');
    expect(res.status).toBe(400);
    expect(res.body).toEqual(
      expectedFieldError('parameter_invalid', 'model must be one of contact, company or conversation', 'model'),
    );
  });

  it('lists custom attributes under their own model only', async () => {
    const tier = await createAttribute({ name: 'tier', model: 'company', data_type: 'string' });
    const colour = await createAttribute({ name: 'colour', model: 'contact', data_type: 'string' });
    const companies = await listAttributes('?model=company');
    expect(companies).toContainEqual(tier);
    expect(companies).not.toContainEqual(colour);
    const contacts = await listAttributes('?model=contact');
    expect(contacts).toContainEqual(colour);
    expect(contacts).not.toContainEqual(tier);
    const all = await listAttributes();
    expect(all.filter((a) => a.custom)).toEqual([tier, colour]);
  });
});

describe('POST /data_attributes', () => {
  it('creates a custom attribute and answers it in Intercom shape', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0 * 1000);
    const me = await sim.api('GET', '/me');
    const res = await sim.api('POST', '/data_attributes', { name: 'Mithril Shirt', model: 'company', data_type: 'string' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: expect.any(Number),
      type: 'data_attribute',
      name: 'Mithril Shirt',
      full_name: 'custom_attributes.Mithril Shirt',
      label: 'Mithril Shirt',
      data_type: 'string',
      api_writable: true,
      ui_writable: false,
      messenger_writable: false,
      custom: true,
      archived: false,
      admin_id: me.body.id,
      created_at: T0,
      updated_at: T0,
      model: 'company',
    });
    expect((await sim.state()).data_attributes).toEqual([res.body]);
  });

  it('gives every attribute its own id and keeps description, options and messenger_writable', async () => {
    const first = await createAttribute({ name: 'plan_tier', model: 'contact', data_type: 'string' });
    const second = await createAttribute({
      name: 'seats',
      model: 'company',
      data_type: 'string',
      description: 'How many seats',
      options: [{ value: '1-10' }, { value: '11-20' }],
      messenger_writable: true,
    });
    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({
      description: 'How many seats', options: ['1-10', '11-20'], messenger_writable: true, model: 'company',
    });
    expect(first).not.toHaveProperty('description');
    expect(first).not.toHaveProperty('options');
  });

  it('accepts every Intercom data type', async () => {
    for (const dataType of ['string', 'integer', 'float', 'boolean', 'datetime', 'date']) {
      const attribute = await createAttribute({ name: `attr_${dataType}`, model: 'contact', data_type: dataType });
      expect(attribute.data_type).toBe(dataType);
    }
  });

  it('refuses a name already used by the same model', async () => {
    await createAttribute({ name: 'The One Ring', model: 'contact', data_type: 'string' });
    const people = await sim.api('POST', '/data_attributes', { name: 'The One Ring', model: 'contact', data_type: 'integer' });
    expect(people.status).toBe(400);
    expect(people.body).toEqual(expectedError(
      'parameter_invalid',
      "You already have 'The One Ring' in your people data. To save this as new people data, use a different name.",
    ));

    await createAttribute({ name: 'Mithril', model: 'company', data_type: 'string' });
    const company = await sim.api('POST', '/data_attributes', { name: 'Mithril', model: 'company', data_type: 'string' });
    expect(company.status).toBe(400);
    expect(company.body).toEqual(expectedError(
      'parameter_invalid',
      "You already have 'Mithril' in your company data. To save this as new company data, use a different name.",
    ));
  });

  it('refuses a name already used by the other model, naming both', async () => {
    await createAttribute({ name: 'The One Ring', model: 'company', data_type: 'string' });
    const asPeople = await sim.api('POST', '/data_attributes', { name: 'The One Ring', model: 'contact', data_type: 'integer' });
    expect(asPeople.status).toBe(400);
    expect(asPeople.body).toEqual(expectedError(
      'parameter_invalid',
      "You already have 'The One Ring' in your company data. To save this as new people data, use a different name.",
    ));

    await createAttribute({ name: 'Mithril', model: 'contact', data_type: 'string' });
    const asCompany = await sim.api('POST', '/data_attributes', { name: 'Mithril', model: 'company', data_type: 'string' });
    expect(asCompany.status).toBe(400);
    expect(asCompany.body).toEqual(expectedError(
      'parameter_invalid',
      "You already have 'Mithril' in your people data. To save this as new company data, use a different name.",
    ));
    expect((await sim.state()).data_attributes).toHaveLength(2);
  });

  it('accepts letters, digits, spaces, underscores, hyphens and currency symbols in a name', async () => {
    const attribute = await createAttribute({ name: 'Spend in $ or €-2_b', model: 'company', data_type: 'float' });
    expect(attribute.full_name).toBe('custom_attributes.Spend in $ or €-2_b');
  });

  it('refuses an invalid name', async () => {
    for (const name of ['!nv@l!d n@me', 'dotted.name', 'a/b']) {
      const res = await sim.api('POST', '/data_attributes', { name, model: 'company', data_type: 'string' });
      expect(res.status, name).toBe(400);
      expect(res.body, name).toEqual(expectedError(
        'parameter_invalid',
        'Your name for this attribute must only contain alphanumeric characters, currency symbols, and hyphens',
      ));
    }
    expect((await sim.state()).data_attributes).toEqual([]);
  });

  it('refuses a data type Intercom does not have', async () => {
    for (const dataType of ['mithril', undefined]) {
      const res = await sim.api('POST', '/data_attributes', { name: 'The Second Ring', model: 'company', data_type: dataType });
      expect(res.status).toBe(400);
      expect(res.body).toEqual(expectedError('parameter_invalid', "Data Type isn't an option"));
    }
  });

  it('refuses a missing or unknown model', async () => {
    const bodies = [
      { description: 'Just a plain old ring', options: [{ value: '1-10' }], archived: false },
      { name: 'ring', model: 'conversation', data_type: 'string' },
    ];
    for (const body of bodies) {
      const res = await sim.api('POST', '/data_attributes', body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(
        expectedError('parameter_invalid', 'The Data Attribute model field must be either contact or company'),
      );
    }
  });

  it('refuses a missing name and options that are not a list', async () => {
    const noName = await sim.api('POST', '/data_attributes', { model: 'contact', data_type: 'string' });
    expect(noName.status).toBe(400);
    expect(noName.body).toEqual(expectedFieldError('parameter_invalid', 'name is required', 'name'));

    const options = await sim.api('POST', '/data_attributes', {
      name: 'ring', model: 'contact', data_type: 'string', options: { value: '1-10' },
    });
    expect(options.status).toBe(400);
    expect(options.body).toEqual(expectedError('parameter_invalid', "Options isn't an array"));
  });

  it('makes the attribute writable on its model', async () => {
    const refused = await sim.api('POST', '/contacts', { email: 'ann@example.com', custom_attributes: { plan_tier: 'gold' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(expectedError('parameter_invalid', "Custom attribute 'plan_tier' does not exist"));

    await createAttribute({ name: 'plan_tier', model: 'contact', data_type: 'string' });
    const accepted = await sim.api('POST', '/contacts', { email: 'ann@example.com', custom_attributes: { plan_tier: 'gold' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body.custom_attributes).toEqual({ plan_tier: 'gold' });
  });
});

describe('POST /_sim/data-attributes', () => {
  it('creates several attributes at once', async () => {
    const res = await sim.control('POST', '/data-attributes', {
      attributes: [
        { name: 'plan_tier', model: 'contact', data_type: 'string' },
        { name: 'seats', model: 'company', data_type: 'integer' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: [
        expect.objectContaining({ name: 'plan_tier', model: 'contact', data_type: 'string', custom: true }),
        expect.objectContaining({ name: 'seats', model: 'company', data_type: 'integer', custom: true }),
      ],
    });
    expect((await sim.state()).data_attributes).toEqual(res.body.data);
    const company = await sim.api('POST', '/companies', { company_id: 'acme-1', custom_attributes: { seats: 12 } });
    expect(company.status).toBe(200);
    expect(company.body.custom_attributes).toEqual({ seats: 12 });
  });

  it('creates a single attribute sent as the body', async () => {
    const res = await sim.control('POST', '/data-attributes', { name: 'plan_tier', model: 'contact', data_type: 'string' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([expect.objectContaining({ name: 'plan_tier', model: 'contact' })]);
  });

  it('answers 400 with the reason for an invalid attribute', async () => {
    const res = await sim.control('POST', '/data-attributes', {
      attributes: [{ name: 'bad', model: 'company', data_type: 'mithril' }],
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: "Data Type isn't an option", code: 'parameter_invalid' });
    expect((await sim.state()).data_attributes).toEqual([]);
  });
});
