// Companies over HTTP: upsert by company_id, the company JSON, lookups, and attaching companies to contacts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectedError, useSimulator } from '../test-support/harness.js';

const sim = useSimulator();

const T0 = 1_700_000_000;

/** Freezes the simulator's clock (it runs in this process) at `seconds`; real timers keep running. */
function setClock(seconds: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(seconds * 1000);
}

afterEach(() => {
  vi.useRealTimers();
});

/** An error envelope whose single error names the offending field. */
function expectedFieldError(code: string, message: string, field: string) {
  return { type: 'error.list', request_id: expect.any(String), errors: [{ code, message, field }] };
}

async function createCompany(body: Record<string, unknown>) {
  const res = await sim.api('POST', '/companies', body);
  expect(res.status).toBe(200);
  return res.body;
}

async function createUser(email: string) {
  const res = await sim.api('POST', '/contacts', { email });
  expect(res.status).toBe(200);
  return res.body;
}

async function defineAttribute(name: string, model: 'contact' | 'company', dataType = 'string') {
  const res = await sim.api('POST', '/data_attributes', { name, model, data_type: dataType });
  expect(res.status).toBe(200);
}

describe('POST /companies', () => {
  it('creates a company with every field in Intercom 2.11 shape, truncating monthly_spend', async () => {
    setClock(T0);
    const res = await sim.api('POST', '/companies', {
      company_id: 'acme-1',
      name: 'Acme',
      plan: 'Pro',
      size: 50,
      website: 'https://acme.example',
      industry: 'Software',
      remote_created_at: 1_600_000_000,
      monthly_spend: 155.98,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      type: 'company',
      company_id: 'acme-1',
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      app_id: 'sandbox1',
      name: 'Acme',
      remote_created_at: 1_600_000_000,
      created_at: T0,
      updated_at: T0,
      last_request_at: null,
      monthly_spend: 155,
      session_count: 0,
      user_count: 0,
      size: 50,
      website: 'https://acme.example',
      industry: 'Software',
      tags: { type: 'tag.list', tags: [] },
      segments: { type: 'segment.list', segments: [] },
      plan: { type: 'plan', id: expect.any(String), name: 'Pro' },
      custom_attributes: {},
    });
  });

  it('leaves size, website and industry out and answers plan {} when they were never set', async () => {
    setClock(T0);
    const company = await createCompany({ company_id: 'bare' });
    expect(company).toEqual({
      type: 'company',
      company_id: 'bare',
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      app_id: 'sandbox1',
      name: null,
      remote_created_at: null,
      created_at: T0,
      updated_at: T0,
      last_request_at: null,
      monthly_spend: 0,
      session_count: 0,
      user_count: 0,
      tags: { type: 'tag.list', tags: [] },
      segments: { type: 'segment.list', segments: [] },
      plan: {},
      custom_attributes: {},
    });
  });

  it('gives one plan id per plan name', async () => {
    const first = await createCompany({ company_id: 'a', plan: 'Pro' });
    const second = await createCompany({ company_id: 'b', plan: 'Pro' });
    const third = await createCompany({ company_id: 'c', plan: 'Basic' });
    expect(second.plan).toEqual(first.plan);
    expect(third.plan).toEqual({ type: 'plan', id: expect.any(String), name: 'Basic' });
    expect(third.plan.id).not.toBe(first.plan.id);
  });

  it('updates the company with the same company_id: same id, updated_at moves, unsent fields kept', async () => {
    setClock(T0);
    const created = await createCompany({
      company_id: 'acme-1', name: 'Acme', size: 10, plan: 'Pro', monthly_spend: 20, website: 'https://acme.example',
    });
    setClock(T0 + 60);
    const res = await sim.api('POST', '/companies', { company_id: 'acme-1', industry: 'Retail', monthly_spend: 30.5 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...created,
      industry: 'Retail',
      monthly_spend: 30,
      created_at: T0,
      updated_at: T0 + 60,
    });
    expect(res.body.id).toBe(created.id);
    const state = await sim.state();
    expect(state.companies).toEqual([res.body]);
  });

  it('keeps companies with different company_ids apart', async () => {
    const a = await createCompany({ company_id: 'a', name: 'A' });
    const b = await createCompany({ company_id: 'b', name: 'B' });
    expect(a.id).not.toBe(b.id);
    expect((await sim.state()).companies).toHaveLength(2);
  });

  it('refuses an unknown body parameter with bad_request and stores nothing', async () => {
    const res = await sim.api('POST', '/companies', { company_id: 'acme-1', test: 1 });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expectedError('bad_request', "bad 'test' parameter"));
    expect((await sim.state()).companies).toEqual([]);
  });

  it('refuses a company without company_id', async () => {
    for (const body of [{ name: 'Acme' }, { company_id: '', name: 'Acme' }]) {
      const res = await sim.api('POST', '/companies', body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(expectedFieldError('parameter_not_found', 'company_id not specified', 'company_id'));
    }
    expect((await sim.state()).companies).toEqual([]);
  });

  it('refuses wrongly typed fields with parameter_invalid naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ size: 'big' }, 'size must be an integer', 'size'],
      [{ remote_created_at: 'x' }, 'remote_created_at must be an integer', 'remote_created_at'],
      [{ monthly_spend: 'lots' }, 'monthly_spend must be an integer', 'monthly_spend'],
      [{ name: 42 }, 'name must be a string', 'name'],
      [{ plan: { name: 'Pro' } }, 'plan must be a string', 'plan'],
      [{ custom_attributes: [] }, 'custom_attributes must be an object', 'custom_attributes'],
    ];
    for (const [fields, message, field] of cases) {
      const res = await sim.api('POST', '/companies', { company_id: 'acme-1', ...fields });
      expect(res.status, field).toBe(400);
      expect(res.body, field).toEqual(expectedFieldError('parameter_invalid', message, field));
    }
    expect((await sim.state()).companies).toEqual([]);
  });

  it('answers invalid JSON with the error envelope', async () => {
    const res = await sim.api('POST', '/companies', undefined, { raw: '{"company_id":' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expectedError('bad_request', 'The request body is not valid JSON'));
  });

  it('refuses a custom attribute that is not defined, and accepts it once defined for companies', async () => {
    const body = { company_id: 'acme-1', custom_attributes: { tier: 'gold' } };
    const refused = await sim.api('POST', '/companies', body);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(expectedError('parameter_invalid', "Custom attribute 'tier' does not exist"));
    expect((await sim.state()).companies).toEqual([]);

    await defineAttribute('tier', 'company');
    const accepted = await sim.api('POST', '/companies', body);
    expect(accepted.status).toBe(200);
    expect(accepted.body.custom_attributes).toEqual({ tier: 'gold' });
  });

  it('does not accept a custom attribute defined only for contacts', async () => {
    await defineAttribute('favourite_colour', 'contact');
    const res = await sim.api('POST', '/companies', { company_id: 'acme-1', custom_attributes: { favourite_colour: 'red' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expectedError('parameter_invalid', "Custom attribute 'favourite_colour' does not exist"));
  });

  it('merges custom attributes on update and refuses non-scalar values', async () => {
    await defineAttribute('tier', 'company');
    await defineAttribute('seats', 'company', 'integer');
    await createCompany({ company_id: 'acme-1', custom_attributes: { tier: 'gold' } });
    const updated = await createCompany({ company_id: 'acme-1', custom_attributes: { seats: 12 } });
    expect(updated.custom_attributes).toEqual({ tier: 'gold', seats: 12 });

    const res = await sim.api('POST', '/companies', { company_id: 'acme-1', custom_attributes: { tier: { level: 1 } } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(
      expectedFieldError(
        'parameter_invalid', "Custom attribute 'tier' must be a string, number, boolean or null", 'custom_attributes.tier',
      ),
    );
  });
});

describe('GET /companies and GET /companies/{id}', () => {
  it('finds a single company by company_id', async () => {
    const company = await createCompany({ company_id: 'acme-1', name: 'Acme' });
    await createCompany({ company_id: 'other', name: 'Other' });
    const res = await sim.api('GET', '/companies?company_id=acme-1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(company);
  });

  it('answers 404 company_not_found for an unknown company_id', async () => {
    await createCompany({ company_id: 'acme-1' });
    const res = await sim.api('GET', '/companies?company_id=nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual(expectedError('company_not_found', 'Company Not Found'));
  });

  it('finds a company by its Intercom id, and 404 for an unknown one', async () => {
    const company = await createCompany({ company_id: 'acme-1', name: 'Acme' });
    const found = await sim.api('GET', `/companies/${company.id}`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual(company);

    // The company_id is not the Intercom id.
    const missing = await sim.api('GET', '/companies/acme-1');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(expectedError('company_not_found', 'Company Not Found'));
  });
});

describe('attaching companies to contacts', () => {
  it('attaches a company: the company counts the user and the contact lists the company', async () => {
    const company = await createCompany({ company_id: 'acme-1', name: 'Acme' });
    const contact = await createUser('ann@example.com');

    const res = await sim.api('POST', `/contacts/${contact.id}/companies`, { id: company.id });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...company, user_count: 1 });

    const fetched = await sim.api('GET', `/contacts/${contact.id}`);
    expect(fetched.body.companies).toEqual({
      type: 'list',
      data: [{ id: company.id, type: 'company', url: `/companies/${company.id}` }],
      url: `/contacts/${contact.id}/companies`,
      total_count: 1,
      has_more: false,
    });
    expect((await sim.api('GET', `/companies/${company.id}`)).body.user_count).toBe(1);
  });

  it('is idempotent: attaching twice keeps user_count at 1 and lists the company once', async () => {
    const company = await createCompany({ company_id: 'acme-1' });
    const contact = await createUser('ann@example.com');
    await sim.api('POST', `/contacts/${contact.id}/companies`, { id: company.id });
    const again = await sim.api('POST', `/contacts/${contact.id}/companies`, { id: company.id });
    expect(again.status).toBe(200);
    expect(again.body.user_count).toBe(1);
    const fetched = await sim.api('GET', `/contacts/${contact.id}`);
    expect(fetched.body.companies.data).toHaveLength(1);
    expect(fetched.body.companies.total_count).toBe(1);
  });

  it('counts every attached contact', async () => {
    const company = await createCompany({ company_id: 'acme-1' });
    const ann = await createUser('ann@example.com');
    const bob = await createUser('bob@example.com');
    await sim.api('POST', `/contacts/${ann.id}/companies`, { id: company.id });
    const res = await sim.api('POST', `/contacts/${bob.id}/companies`, { id: company.id });
    expect(res.body.user_count).toBe(2);
  });

  it('refuses a request without a company id with parameter_not_found', async () => {
    const contact = await createUser('ann@example.com');
    for (const body of [{}, { id: '' }, { id: null }, undefined]) {
      const res = await sim.api('POST', `/contacts/${contact.id}/companies`, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(expectedError('parameter_not_found', 'company not specified'));
    }
  });

  it('answers 404 company_not_found for an unknown company', async () => {
    const contact = await createUser('ann@example.com');
    const res = await sim.api('POST', `/contacts/${contact.id}/companies`, { id: '123' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(expectedError('company_not_found', 'Company Not Found'));
    expect((await sim.api('GET', `/contacts/${contact.id}`)).body.companies.data).toEqual([]);
  });

  it('answers 404 not_found "User Not Found" for an unknown or archived contact', async () => {
    const company = await createCompany({ company_id: 'acme-1' });
    const archived = await createUser('gone@example.com');
    await sim.api('POST', `/contacts/${archived.id}/archive`);
    for (const contactId of ['5f0000000000000000000000', archived.id]) {
      const res = await sim.api('POST', `/contacts/${contactId}/companies`, { id: company.id });
      expect(res.status).toBe(404);
      expect(res.body).toEqual(expectedError('not_found', 'User Not Found'));
    }
    expect((await sim.api('GET', `/companies/${company.id}`)).body.user_count).toBe(0);
  });

  it('detaches a company: user_count drops and the contact no longer lists it', async () => {
    const company = await createCompany({ company_id: 'acme-1', name: 'Acme' });
    const contact = await createUser('ann@example.com');
    await sim.api('POST', `/contacts/${contact.id}/companies`, { id: company.id });

    const res = await sim.api('DELETE', `/contacts/${contact.id}/companies/${company.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...company, user_count: 0 });
    const fetched = await sim.api('GET', `/contacts/${contact.id}`);
    expect(fetched.body.companies).toMatchObject({ data: [], total_count: 0, has_more: false });
  });

  it('answers 404 when detaching a company that is not attached, unknown, or from an unknown contact', async () => {
    const company = await createCompany({ company_id: 'acme-1' });
    const contact = await createUser('ann@example.com');

    const notAttached = await sim.api('DELETE', `/contacts/${contact.id}/companies/${company.id}`);
    expect(notAttached.status).toBe(404);
    expect(notAttached.body).toEqual(expectedError('company_not_found', 'Company Not Found'));

    const unknownCompany = await sim.api('DELETE', `/contacts/${contact.id}/companies/5f0000000000000000000000`);
    expect(unknownCompany.status).toBe(404);
    expect(unknownCompany.body).toEqual(expectedError('company_not_found', 'Company Not Found'));

    const unknownContact = await sim.api('DELETE', `/contacts/5f0000000000000000000000/companies/${company.id}`);
    expect(unknownContact.status).toBe(404);
    expect(unknownContact.body).toEqual(expectedError('not_found', 'User Not Found'));
  });

  it('lists the companies of a contact in attach order', async () => {
    const contact = await createUser('ann@example.com');
    const empty = await sim.api('GET', `/contacts/${contact.id}/companies`);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({
      type: 'list',
      data: [],
      pages: { type: 'pages', next: null, page: 1, per_page: 50, total_pages: 0 },
      total_count: 0,
    });

    const second = await createCompany({ company_id: 'b' });
    const first = await createCompany({ company_id: 'a' });
    await sim.api('POST', `/contacts/${contact.id}/companies`, { id: first.id });
    await sim.api('POST', `/contacts/${contact.id}/companies`, { id: second.id });
    const res = await sim.api('GET', `/contacts/${contact.id}/companies`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      type: 'list',
      data: [{ ...first, user_count: 1 }, { ...second, user_count: 1 }],
      pages: { type: 'pages', next: null, page: 1, per_page: 50, total_pages: 1 },
      total_count: 2,
    });
  });

  it('answers 404 "User Not Found" when listing the companies of an unknown contact', async () => {
    const res = await sim.api('GET', '/contacts/5f0000000000000000000000/companies');
    expect(res.status).toBe(404);
    expect(res.body).toEqual(expectedError('not_found', 'User Not Found'));
  });

  it('stops counting a contact once it is deleted', async () => {
    const company = await createCompany({ company_id: 'acme-1' });
    const contact = await createUser('ann@example.com');
    await sim.api('POST', `/contacts/${contact.id}/companies`, { id: company.id });
    expect((await sim.api('DELETE', `/contacts/${contact.id}`)).status).toBe(200);
    expect((await sim.api('GET', `/companies/${company.id}`)).body.user_count).toBe(0);
  });
});
