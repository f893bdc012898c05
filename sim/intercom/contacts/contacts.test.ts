// Contact endpoints over HTTP: create, update, get, delete, archive, merge, list, custom attributes and the request log.
import { describe, expect, it } from 'vitest';
import { expectedError, useSimulator } from '../test-support/harness.js';

const sim = useSimulator();

// --- helpers -------------------------------------------------------------------------------------------------------

/** POST /contacts that must succeed; returns the contact JSON. */
async function createContact(body: Record<string, unknown>): Promise<any> {
  const res = await sim.api('POST', '/contacts', body);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

let emailSeq = 0;
const createUser = (fields: Record<string, unknown> = {}) =>
  createContact({ email: `user${++emailSeq}@example.com`, ...fields });
const createLead = (fields: Record<string, unknown> = {}) => createContact({ role: 'lead', ...fields });

async function defineAttribute(name: string, model = 'contact', dataType = 'string') {
  const res = await sim.api('POST', '/data_attributes', { name, model, data_type: dataType });
  expect(res.status, res.text).toBe(200);
}

async function archive(id: string) {
  const res = await sim.api('POST', `/contacts/${id}/archive`);
  expect(res.status, res.text).toBe(200);
}

/** Intercom's envelope for an error that names the offending parameter. */
function fieldError(code: string, message: string, field: string) {
  return { ...expectedError(code, message), errors: [{ code, message, field }] };
}

const invalid = (message: string, field: string) => fieldError('parameter_invalid', message, field);
const userNotFound = () => expectedError('not_found', 'User Not Found');
// Intercom names no field for this one.
const undefinedAttribute = (name: string) =>
  expectedError('parameter_invalid', `Custom attribute '${name}' does not exist`);

/** The complete 2.11 contact JSON of a contact with nothing but `fields` set. */
function contactBody(id: string, fields: Record<string, unknown> = {}) {
  const list = (url: string) => ({ type: 'list', data: [], url, total_count: 0, has_more: false });
  return {
    type: 'contact',
    id,
    workspace_id: 'sandbox1',
    external_id: null,
    role: 'user',
    email: null,
    phone: null,
    name: null,
    avatar: null,
    owner_id: null,
    social_profiles: { type: 'list', data: [] },
    has_hard_bounced: false,
    marked_email_as_spam: false,
    unsubscribed_from_emails: false,
    created_at: expect.any(Number),
    updated_at: expect.any(Number),
    signed_up_at: null,
    last_seen_at: null,
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: null,
    browser: null,
    browser_version: null,
    browser_language: null,
    os: null,
    location: { type: 'location', country: null, region: null, city: null, country_code: null, continent_code: null },
    android_app_name: null,
    android_app_version: null,
    android_device: null,
    android_os_version: null,
    android_sdk_version: null,
    android_last_seen_at: null,
    ios_app_name: null,
    ios_app_version: null,
    ios_device: null,
    ios_os_version: null,
    ios_sdk_version: null,
    ios_last_seen_at: null,
    custom_attributes: {},
    tags: list(`/contacts/${id}/tags`),
    notes: list(`/contacts/${id}/notes`),
    companies: list(`/contacts/${id}/companies`),
    opted_out_subscription_types: list(`/contacts/${id}/subscriptions`),
    opted_in_subscription_types: list(`/contacts/${id}/subscriptions`),
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    referrer: null,
    ...fields,
  };
}

const contactCount = async () => (await sim.state()).contacts.length;

// --- POST /contacts ------------------------------------------------------------------------------------------------

describe('POST /contacts', () => {
  it('answers the complete contact JSON with integer timestamps of now', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await sim.api('POST', '/contacts', {
      email: 'ada@example.com',
      external_id: 'u-1',
      phone: '+44 20 7946 0000',
      name: 'Ada',
      avatar: 'https://example.com/ada.png',
      signed_up_at: 1_700_000_000,
      last_seen_at: 1_700_000_100,
      unsubscribed_from_emails: true,
    });
    const after = Math.floor(Date.now() / 1000);
    expect(res.status).toBe(200);
    expect(res.body.id).toMatch(/^[0-9a-f]{24}$/);
    expect(res.body).toEqual(
      contactBody(res.body.id, {
        email: 'ada@example.com',
        external_id: 'u-1',
        phone: '+44 20 7946 0000',
        name: 'Ada',
        avatar: { type: 'avatar', image_url: 'https://example.com/ada.png' },
        signed_up_at: 1_700_000_000,
        last_seen_at: 1_700_000_100,
        unsubscribed_from_emails: true,
      }),
    );
    for (const key of ['created_at', 'updated_at']) {
      expect(Number.isInteger(res.body[key])).toBe(true);
      expect(res.body[key]).toBeGreaterThanOrEqual(before);
      expect(res.body[key]).toBeLessThanOrEqual(after);
    }
  });

  it('defaults the role to user and accepts a user with only an email', async () => {
    const contact = await createContact({ email: 'only@example.com' });
    expect(contact).toEqual(contactBody(contact.id, { email: 'only@example.com' }));
  });

  it('accepts a user with only an external_id', async () => {
    const contact = await createContact({ role: 'user', external_id: 'ext-only' });
    expect(contact).toEqual(contactBody(contact.id, { external_id: 'ext-only' }));
  });

  it('accepts a lead with only a name', async () => {
    const contact = await createContact({ role: 'lead', name: 'Visitor' });
    expect(contact).toEqual(contactBody(contact.id, { role: 'lead', name: 'Visitor' }));
  });

  it('stores the contact: GET answers the same JSON', async () => {
    const contact = await createUser({ name: 'Stored' });
    const res = await sim.api('GET', `/contacts/${contact.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(contact);
  });

  it('refuses a user with neither email nor external_id', async () => {
    const res = await sim.api('POST', '/contacts', { role: 'user', name: 'Nobody' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid('A user must have an email or an external_id', 'email'));
    expect(await contactCount()).toBe(0);
  });

  it('refuses a body with none of role, email or external_id', async () => {
    const res = await sim.api('POST', '/contacts', { name: 'Nameless' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expectedError('parameter_not_found', 'One of role, email or external_id is required'));
  });

  it('refuses a lead with an external_id', async () => {
    const res = await sim.api('POST', '/contacts', { role: 'lead', external_id: 'x-1' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid('A lead cannot have an external_id', 'external_id'));
  });

  it('refuses a role other than user or lead', async () => {
    for (const role of ['admin', 'USER', 7, null]) {
      const res = await sim.api('POST', '/contacts', { role, email: 'r@example.com' });
      expect(res.status).toBe(400);
      const message = typeof role === 'string' ? "role must be either 'user' or 'lead'" : 'role must be a string';
      expect(res.body).toEqual(invalid(message, 'role'));
    }
  });

  it('refuses a body that is not a JSON object', async () => {
    for (const raw of ['[]', '"text"', '42', 'null']) {
      const res = await sim.api('POST', '/contacts', undefined, { raw });
      expect(res.status, raw).toBe(400);
      expect(res.body).toEqual(expectedError('bad_request', 'Request body must be a JSON object'));
    }
    const empty = await sim.api('POST', '/contacts');
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual(expectedError('bad_request', 'Request body must be a JSON object'));
  });

  it('answers invalid JSON with the bad_request envelope', async () => {
    const res = await sim.api('POST', '/contacts', undefined, { raw: '{"email": "a@example.com",' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expectedError('bad_request', 'The request body is not valid JSON'));
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it.each([
    ['signed_up_at', 'yesterday', 'signed_up_at must be an integer'],
    ['signed_up_at', 1.5, 'signed_up_at must be an integer'],
    ['signed_up_at', -1, 'signed_up_at is out of range'],
    ['last_seen_at', '1700000000', 'last_seen_at must be an integer'],
    ['owner_id', 'x', 'owner_id must be an integer'],
    ['unsubscribed_from_emails', 'yes', 'unsubscribed_from_emails must be a boolean'],
    ['custom_attributes', ['a'], 'custom_attributes must be an object'],
    ['custom_attributes', 'plan', 'custom_attributes must be an object'],
    ['email', 42, 'email must be a string'],
    ['email', 'not-an-email', 'The email address is invalid'],
    ['email', `${'a'.repeat(250)}@x.com`, 'email must be at most 255 characters'],
    ['external_id', 12, 'external_id must be a string'],
    ['name', { first: 'A' }, 'name must be a string'],
    ['phone', true, 'phone must be a string'],
    ['avatar', 'not a url', 'avatar must be a URL'],
  ])('refuses %s = %j with parameter_invalid naming the field', async (field, value, message) => {
    const res = await sim.api('POST', '/contacts', { external_id: 'typed', [field]: value });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid(message, field));
    expect(await contactCount()).toBe(0);
  });

  it('refuses an unknown field with bad_request', async () => {
    const res = await sim.api('POST', '/contacts', { email: 'u@example.com', x: 1 });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expectedError('bad_request', "bad 'x' parameter"));
  });

  it('refuses an empty email instead of storing a user without identity', async () => {
    const res = await sim.api('POST', '/contacts', { email: '' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid('The email address is invalid', 'email'));
    expect(await contactCount()).toBe(0);
  });

  it('lists attached companies as {id, type, url} with the list url and count', async () => {
    const contact = await createUser();
    const company = (await sim.api('POST', '/companies', { company_id: 'acme', name: 'Acme' })).body;
    const attached = await sim.api('POST', `/contacts/${contact.id}/companies`, { id: company.id });
    expect(attached.status).toBe(200);
    const res = await sim.api('GET', `/contacts/${contact.id}`);
    expect(res.body.companies).toEqual({
      type: 'list',
      data: [{ id: company.id, type: 'company', url: `/companies/${company.id}` }],
      url: `/contacts/${contact.id}/companies`,
      total_count: 1,
      has_more: false,
    });
  });
});

// --- uniqueness ----------------------------------------------------------------------------------------------------

describe('uniqueness', () => {
  const conflict = (id: string) =>
    expectedError('conflict', `A contact matching those details already exists with id=${id}`);

  it('refuses a second contact with the same external_id', async () => {
    const first = await createContact({ external_id: 'dup' });
    const res = await sim.api('POST', '/contacts', { external_id: 'dup', email: 'other@example.com' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual(conflict(first.id));
    expect(await contactCount()).toBe(1);
  });

  it('refuses an external_id held by a contact that became a user from a lead', async () => {
    const lead = await createLead({ name: 'L' });
    expect((await sim.api('PUT', `/contacts/${lead.id}`, { role: 'user', external_id: 'conv' })).status).toBe(200);
    const res = await sim.api('POST', '/contacts', { external_id: 'conv' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual(conflict(lead.id));
  });

  it('refuses a user whose email another user has, ignoring case', async () => {
    const first = await createContact({ email: 'Same@Example.com' });
    const res = await sim.api('POST', '/contacts', { email: 'same@example.COM' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual(conflict(first.id));
  });

  it('lets a lead share an email with a user and with another lead', async () => {
    const user = await createContact({ email: 'shared@example.com' });
    const lead1 = await createLead({ email: 'shared@example.com' });
    const lead2 = await createLead({ email: 'SHARED@example.com' });
    expect(new Set([user.id, lead1.id, lead2.id]).size).toBe(3);
    expect(lead2).toEqual(contactBody(lead2.id, { role: 'lead', email: 'SHARED@example.com' }));
  });

  it('names an archived user holding the email with the archived wording', async () => {
    const first = await createContact({ email: 'gone@example.com' });
    await archive(first.id);
    const res = await sim.api('POST', '/contacts', { email: 'gone@example.com' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual(
      expectedError('conflict', `An archived contact matching those details already exists with id=${first.id}`),
    );
    await createLead({ email: 'gone@example.com' });
  });

  it('names an archived holder of the external_id with the archived wording', async () => {
    const first = await createContact({ external_id: 'arch' });
    await archive(first.id);
    const res = await sim.api('POST', '/contacts', { external_id: 'arch' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual(
      expectedError('conflict', `An archived contact matching those details already exists with id=${first.id}`),
    );
  });
});

// --- PUT /contacts/{id} --------------------------------------------------------------------------------------------

describe('PUT /contacts/{id}', () => {
  it('changes only the fields sent and moves updated_at', async () => {
    const contact = await createUser({ name: 'Old', phone: '123', external_id: 'p-1' });
    const res = await sim.api('PUT', `/contacts/${contact.id}`, { name: 'New' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...contact, name: 'New', updated_at: expect.any(Number) });
    expect(res.body.updated_at).toBeGreaterThanOrEqual(contact.updated_at);
    expect((await sim.api('GET', `/contacts/${contact.id}`)).body).toEqual(res.body);
  });

  it('clears a field sent as null', async () => {
    const contact = await createUser({ name: 'Named', external_id: 'n-1', avatar: 'https://example.com/a.png' });
    const res = await sim.api('PUT', `/contacts/${contact.id}`, { name: null, avatar: null, email: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: null, avatar: null, email: null, external_id: 'n-1' });
  });

  it('refuses to clear the last identifier of a user', async () => {
    const contact = await createContact({ email: 'last@example.com' });
    const res = await sim.api('PUT', `/contacts/${contact.id}`, { email: null });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid('A user must have an email or an external_id', 'email'));
    expect((await sim.api('GET', `/contacts/${contact.id}`)).body.email).toBe('last@example.com');
  });

  it('refuses to turn a user into a lead', async () => {
    const contact = await createUser();
    const res = await sim.api('PUT', `/contacts/${contact.id}`, { role: 'lead' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(expectedError('client_error', "Contact with user role can't be converted to a lead"));
    expect((await sim.api('GET', `/contacts/${contact.id}`)).body.role).toBe('user');
  });

  it('turns a lead into a user when given an external_id', async () => {
    const lead = await createLead({ name: 'Convert me' });
    const res = await sim.api('PUT', `/contacts/${lead.id}`, { role: 'user', external_id: 'conv-1' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      contactBody(lead.id, { role: 'user', name: 'Convert me', external_id: 'conv-1', created_at: lead.created_at }),
    );
  });

  it('refuses a lead becoming a user without email or external_id', async () => {
    const lead = await createLead({ name: 'Anonymous' });
    const res = await sim.api('PUT', `/contacts/${lead.id}`, { role: 'user' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid('A user must have an email or an external_id', 'email'));
    expect((await sim.api('GET', `/contacts/${lead.id}`)).body.role).toBe('lead');
  });

  it('refuses an external_id on a lead that stays a lead', async () => {
    const lead = await createLead({ name: 'L' });
    const res = await sim.api('PUT', `/contacts/${lead.id}`, { external_id: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid('A lead cannot have an external_id', 'external_id'));
  });

  it("refuses another user's email (any case) with 409", async () => {
    const other = await createContact({ email: 'taken@example.com' });
    const contact = await createUser();
    const res = await sim.api('PUT', `/contacts/${contact.id}`, { email: 'TAKEN@example.com' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual(
      expectedError('conflict', `A contact matching those details already exists with id=${other.id}`),
    );
  });

  it('refuses a lead becoming a user with an email another user has', async () => {
    const other = await createContact({ email: 'both@example.com' });
    const lead = await createLead({ email: 'both@example.com' });
    const res = await sim.api('PUT', `/contacts/${lead.id}`, { role: 'user' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual(
      expectedError('conflict', `A contact matching those details already exists with id=${other.id}`),
    );
  });

  it('lets a user keep its own email in another case', async () => {
    const contact = await createContact({ email: 'mine@example.com' });
    const res = await sim.api('PUT', `/contacts/${contact.id}`, { email: 'MINE@example.com' });
    expect(res.status).toBe(200);
    expect(res.body.email).toBe('MINE@example.com');
  });

  it('frees the old email when a user changes it', async () => {
    const contact = await createContact({ email: 'before@example.com' });
    expect((await sim.api('PUT', `/contacts/${contact.id}`, { email: 'after@example.com' })).status).toBe(200);
    await createContact({ email: 'before@example.com' });
  });

  it('answers 404 User Not Found for an unknown id', async () => {
    const res = await sim.api('PUT', '/contacts/000000000000000000000000', { name: 'x' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(userNotFound());
  });

  it('validates the body like POST does', async () => {
    const contact = await createUser();
    const unknown = await sim.api('PUT', `/contacts/${contact.id}`, { nickname: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual(expectedError('bad_request', "bad 'nickname' parameter"));
    const wrongType = await sim.api('PUT', `/contacts/${contact.id}`, { signed_up_at: 'yesterday' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toEqual(invalid('signed_up_at must be an integer', 'signed_up_at'));
  });
});

// --- GET / DELETE / archive ----------------------------------------------------------------------------------------

describe('GET /contacts/{id}', () => {
  it('answers 404 User Not Found for an unknown id', async () => {
    const res = await sim.api('GET', '/contacts/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual(userNotFound());
  });
});

describe('DELETE /contacts/{id}', () => {
  it('answers the deletion body, then the contact is gone and its external_id free', async () => {
    const contact = await createContact({ external_id: 'del-1', email: 'del@example.com' });
    const res = await sim.api('DELETE', `/contacts/${contact.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: contact.id, external_id: 'del-1', type: 'contact', deleted: true });
    const get = await sim.api('GET', `/contacts/${contact.id}`);
    expect(get.status).toBe(404);
    expect(get.body).toEqual(userNotFound());
    const again = await createContact({ external_id: 'del-1', email: 'del@example.com' });
    expect(again.id).not.toBe(contact.id);
  });

  it('answers external_id null for a lead', async () => {
    const lead = await createLead({ name: 'L' });
    const res = await sim.api('DELETE', `/contacts/${lead.id}`);
    expect(res.body).toEqual({ id: lead.id, external_id: null, type: 'contact', deleted: true });
  });

  it('answers 404 for an unknown or already deleted id', async () => {
    const contact = await createUser();
    expect((await sim.api('DELETE', `/contacts/${contact.id}`)).status).toBe(200);
    const res = await sim.api('DELETE', `/contacts/${contact.id}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(userNotFound());
  });
});

describe('archive and unarchive', () => {
  it('hides an archived contact from GET and PUT until it is unarchived', async () => {
    const contact = await createContact({ external_id: 'a-1' });
    const archived = await sim.api('POST', `/contacts/${contact.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body).toEqual({ id: contact.id, external_id: 'a-1', type: 'contact', archived: true });

    for (const [method, body] of [['GET', undefined], ['PUT', { name: 'x' }]] as const) {
      const res = await sim.api(method, `/contacts/${contact.id}`, body);
      expect(res.status, method).toBe(404);
      expect(res.body).toEqual(userNotFound());
    }

    const unarchived = await sim.api('POST', `/contacts/${contact.id}/unarchive`);
    expect(unarchived.status).toBe(200);
    expect(unarchived.body).toEqual({ id: contact.id, external_id: 'a-1', type: 'contact', archived: false });
    const get = await sim.api('GET', `/contacts/${contact.id}`);
    expect(get.status).toBe(200);
    expect(get.body).toEqual({ ...contact, updated_at: expect.any(Number) });
    expect((await sim.api('PUT', `/contacts/${contact.id}`, { name: 'Back' })).body.name).toBe('Back');
  });

  it('answers 404 when archiving an unknown id', async () => {
    for (const action of ['archive', 'unarchive']) {
      const res = await sim.api('POST', `/contacts/000000000000000000000000/${action}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(userNotFound());
    }
  });
});

// --- custom attributes ---------------------------------------------------------------------------------------------

describe('custom attributes', () => {
  it('refuses an attribute that is not defined', async () => {
    const res = await sim.api('POST', '/contacts', { email: 'ca@example.com', custom_attributes: { plan: 'pro' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(undefinedAttribute('plan'));
    expect(await contactCount()).toBe(0);
  });

  it('stores an attribute defined through POST /data_attributes, and merges updates', async () => {
    await defineAttribute('plan');
    await defineAttribute('seats', 'contact', 'integer');
    const contact = await createUser({ custom_attributes: { plan: 'pro' } });
    expect(contact.custom_attributes).toEqual({ plan: 'pro' });
    const res = await sim.api('PUT', `/contacts/${contact.id}`, { custom_attributes: { seats: 3 } });
    expect(res.status).toBe(200);
    expect(res.body.custom_attributes).toEqual({ plan: 'pro', seats: 3 });
    expect((await sim.api('GET', `/contacts/${contact.id}`)).body.custom_attributes).toEqual({ plan: 'pro', seats: 3 });
  });

  it('stores an attribute defined through POST /_sim/data-attributes', async () => {
    const defined = await sim.control('POST', '/data-attributes', { name: 'plan', model: 'contact', data_type: 'string' });
    expect(defined.status).toBe(200);
    const contact = await createUser({ custom_attributes: { plan: 'free' } });
    expect(contact.custom_attributes).toEqual({ plan: 'free' });
  });

  it('does not let a company attribute stand for a contact one', async () => {
    await defineAttribute('tier', 'company');
    const res = await sim.api('POST', '/contacts', { email: 'c@example.com', custom_attributes: { tier: 'gold' } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(undefinedAttribute('tier'));
  });

  it('refuses a nested object or array value', async () => {
    await defineAttribute('plan');
    for (const value of [{ name: 'pro' }, ['pro']]) {
      const res = await sim.api('POST', '/contacts', { email: 'n@example.com', custom_attributes: { plan: value } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual(
        invalid("Custom attribute 'plan' must be a string, number, boolean or null", 'custom_attributes.plan'),
      );
    }
  });

  it('accepts 255 characters and refuses 256', async () => {
    await defineAttribute('plan');
    const ok = await createUser({ custom_attributes: { plan: 'p'.repeat(255) } });
    expect(ok.custom_attributes.plan).toHaveLength(255);
    const res = await sim.api('PUT', `/contacts/${ok.id}`, { custom_attributes: { plan: 'p'.repeat(256) } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid("Custom attribute 'plan' is longer than 255 characters", 'custom_attributes.plan'));
  });

  it('answers a __proto__ key with a clean 400 and pollutes nothing', async () => {
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const scalar = await sim.api('POST', '/contacts', undefined, {
      raw: '{"email":"p@example.com","custom_attributes":{"__proto__":"x"}}',
    });
    expect(scalar.status).toBe(400);
    expect(scalar.body).toEqual(undefinedAttribute('__proto__'));

    const nested = await sim.api('POST', '/contacts', undefined, {
      raw: '{"email":"p@example.com","custom_attributes":{"__proto__":{"polluted":"yes"}}}',
    });
    expect(nested.status).toBe(400);
    expect(nested.body.errors[0]).toMatchObject({ code: 'parameter_invalid', field: 'custom_attributes.__proto__' });

    const topLevel = await sim.api('POST', '/contacts', undefined, {
      raw: '{"email":"p@example.com","__proto__":{"polluted":"yes"}}',
    });
    expect(topLevel.status).toBe(400);
    expect(topLevel.body).toEqual(expectedError('bad_request', "bad '__proto__' parameter"));

    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as any).polluted).toBeUndefined();
    expect(await contactCount()).toBe(0);
    await createContact({ email: 'p@example.com' });
  });
});

// --- owner_id ------------------------------------------------------------------------------------------------------

describe('owner_id', () => {
  it("accepts the workspace admin's id and refuses any other", async () => {
    const me = (await sim.api('GET', '/me')).body;
    const adminId = Number(me.id);
    const owned = await createUser({ owner_id: adminId });
    expect(owned.owner_id).toBe(adminId);

    const res = await sim.api('PUT', `/contacts/${owned.id}`, { owner_id: adminId + 1 });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(invalid('The owner specified is not a member of the workspace', 'owner_id'));
    const created = await sim.api('POST', '/contacts', { email: 'o@example.com', owner_id: 1 });
    expect(created.status).toBe(400);
    expect(created.body).toEqual(invalid('The owner specified is not a member of the workspace', 'owner_id'));

    const cleared = await sim.api('PUT', `/contacts/${owned.id}`, { owner_id: null });
    expect(cleared.body.owner_id).toBeNull();
  });
});

// --- POST /contacts/merge ------------------------------------------------------------------------------------------

describe('POST /contacts/merge', () => {
  const merge = (from: unknown, into: unknown) => sim.api('POST', '/contacts/merge', { from, into });
  const invalidMerge = () => expectedError('invalid_merge', 'Only a lead can be merged, and only into a user');

  it("merges a lead into a user: the user keeps its values and gains the lead's", async () => {
    await defineAttribute('plan');
    await defineAttribute('source');
    const lead = await createLead({
      name: 'Lead Name',
      phone: 'lead-phone',
      avatar: 'https://example.com/lead.png',
      last_seen_at: 1_700_000_500,
      custom_attributes: { plan: 'lead-plan', source: 'ads' },
    });
    const user = await createContact({
      email: 'keeper@example.com',
      phone: 'user-phone',
      last_seen_at: 1_700_000_100,
      custom_attributes: { plan: 'user-plan' },
    });
    const res = await merge(lead.id, user.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      contactBody(user.id, {
        email: 'keeper@example.com',
        phone: 'user-phone',
        name: 'Lead Name',
        avatar: { type: 'avatar', image_url: 'https://example.com/lead.png' },
        last_seen_at: 1_700_000_500,
        custom_attributes: { plan: 'user-plan', source: 'ads' },
        created_at: user.created_at,
      }),
    );
    const gone = await sim.api('GET', `/contacts/${lead.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(userNotFound());
    expect((await sim.api('GET', `/contacts/${user.id}`)).body).toEqual(res.body);
  });

  it("moves the lead's companies and events to the user", async () => {
    const lead = await createLead({ name: 'L' });
    const user = await createUser();
    const company = (await sim.api('POST', '/companies', { company_id: 'c-1', name: 'C' })).body;
    expect((await sim.api('POST', `/contacts/${lead.id}/companies`, { id: company.id })).status).toBe(200);
    const event = await sim.api('POST', '/events', { event_name: 'signed-up', created_at: 1_700_000_000, id: lead.id });
    expect(event.status).toBe(202);

    const res = await merge(lead.id, user.id);
    expect(res.status).toBe(200);
    expect(res.body.companies).toMatchObject({ data: [{ id: company.id, type: 'company' }], total_count: 1 });
    expect((await sim.api('GET', `/companies/${company.id}`)).body.user_count).toBe(1);
    const listed = await sim.api('GET', `/contacts/${user.id}/companies`);
    expect(listed.body.data.map((c: any) => c.id)).toEqual([company.id]);
    const state = await sim.state();
    expect(state.events).toEqual([
      { contact_id: user.id, event_name: 'signed-up', created_at: 1_700_000_000, metadata: {} },
    ]);
    expect(state.contacts.map((c: any) => c.id)).toEqual([user.id]);
  });

  it('counts a company both had once', async () => {
    const lead = await createLead({ name: 'L' });
    const user = await createUser();
    const shared = (await sim.api('POST', '/companies', { company_id: 'shared' })).body;
    const own = (await sim.api('POST', '/companies', { company_id: 'lead-only' })).body;
    for (const [contact, company] of [[user, shared], [lead, shared], [lead, own]]) {
      expect((await sim.api('POST', `/contacts/${contact.id}/companies`, { id: company.id })).status).toBe(200);
    }
    const res = await merge(lead.id, user.id);
    expect(res.body.companies.data.map((c: any) => c.id)).toEqual([shared.id, own.id]);
    expect(res.body.companies.total_count).toBe(2);
    expect((await sim.api('GET', `/companies/${shared.id}`)).body.user_count).toBe(1);
    expect((await sim.api('GET', `/companies/${own.id}`)).body.user_count).toBe(1);
  });

  it("fills a user's missing email from the lead unless another user holds it", async () => {
    const lead = await createLead({ email: 'from-lead@example.com' });
    const user = await createContact({ external_id: 'no-email' });
    const res = await merge(lead.id, user.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'from-lead@example.com', external_id: 'no-email' });

    await createContact({ email: 'owned@example.com' });
    const lead2 = await createLead({ email: 'owned@example.com' });
    const user2 = await createContact({ external_id: 'no-email-2' });
    const res2 = await merge(lead2.id, user2.id);
    expect(res2.status).toBe(200);
    expect(res2.body.email).toBeNull();
  });

  it('refuses user into user, lead into lead and user into lead', async () => {
    const [user1, user2] = [await createUser(), await createUser()];
    const [lead1, lead2] = [await createLead({ name: 'a' }), await createLead({ name: 'b' })];
    for (const [from, into] of [[user1, user2], [lead1, lead2], [user1, lead1]]) {
      const res = await merge(from.id, into.id);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(invalidMerge());
    }
    expect(await contactCount()).toBe(4);
  });

  it('requires from and into', async () => {
    const lead = await createLead({ name: 'L' });
    const noFrom = await sim.api('POST', '/contacts/merge', { into: lead.id });
    expect(noFrom.status).toBe(400);
    expect(noFrom.body).toEqual(fieldError('parameter_not_found', "'from' is required", 'from'));
    const noInto = await sim.api('POST', '/contacts/merge', { from: lead.id });
    expect(noInto.status).toBe(400);
    expect(noInto.body).toEqual(fieldError('parameter_not_found', "'into' is required", 'into'));
    const wrongType = await merge(5, lead.id);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toEqual(invalid('from must be a string', 'from'));
  });

  it('answers 404 for an unknown or archived contact', async () => {
    const lead = await createLead({ name: 'L' });
    const user = await createUser();
    for (const [from, into] of [['000000000000000000000000', user.id], [lead.id, '000000000000000000000000']]) {
      const res = await merge(from, into);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(userNotFound());
    }
    await archive(lead.id);
    expect((await merge(lead.id, user.id)).status).toBe(404);
  });
});

// --- GET /contacts -------------------------------------------------------------------------------------------------

describe('GET /contacts', () => {
  it('pages through live contacts oldest first, leaving archived ones out', async () => {
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await createUser({ external_id: `list-${i}` }));
    await archive(created[2].id);
    const live = created.filter((_, i) => i !== 2).map((c) => c.id);

    const first = await sim.api('GET', '/contacts?per_page=2');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      type: 'list',
      data: [created[0], created[1]],
      total_count: 4,
      pages: {
        type: 'pages',
        next: { per_page: 2, starting_after: expect.any(String) },
        page: 1,
        per_page: 2,
        total_pages: 2,
      },
    });

    const second = await sim.api('GET', `/contacts?per_page=2&starting_after=${first.body.pages.next.starting_after}`);
    expect(second.status).toBe(200);
    expect(second.body.pages).toEqual({ type: 'pages', page: 2, per_page: 2, total_pages: 2 });
    const seen = [...first.body.data, ...second.body.data].map((c: any) => c.id);
    expect(seen).toEqual(live);
  });

  it('answers an empty list with no next page', async () => {
    const res = await sim.api('GET', '/contacts');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      type: 'list',
      data: [],
      total_count: 0,
      pages: { type: 'pages', page: 1, per_page: 50, total_pages: 0 },
    });
  });

  it('refuses a per_page outside 1..150', async () => {
    for (const perPage of ['0', '151', 'ten']) {
      const res = await sim.api('GET', `/contacts?per_page=${perPage}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(invalid('per_page must be an integer between 1 and 150', 'per_page'));
    }
  });
});

// --- request log ---------------------------------------------------------------------------------------------------

describe('request log', () => {
  it('logs method, path, body and status, with the token redacted', async () => {
    const body = { email: 'logged@example.com' };
    const contact = await createContact(body);
    await sim.api('GET', '/contacts/unknown-id');
    await sim.api('GET', '/contacts?per_page=1');

    const logged = await sim.requests();
    expect(logged).toEqual([
      expect.objectContaining({ method: 'POST', path: '/contacts', body, status: 200, workspace: 'sandbox1' }),
      expect.objectContaining({ method: 'GET', path: '/contacts/unknown-id', status: 404, errorCode: 'not_found' }),
      expect.objectContaining({ method: 'GET', path: '/contacts', query: { per_page: '1' }, status: 200 }),
    ]);
    for (const entry of logged) {
      expect(entry.headers.authorization).toBe('Bearer [redacted]');
      expect(entry.headers['intercom-version']).toBe('2.11');
    }
    expect(JSON.stringify(logged)).not.toContain('sim_token');
    expect(logged[0].body).toEqual({ email: contact.email });
  });

  it('logs a refused request with its status and error code', async () => {
    await sim.api('POST', '/contacts', { email: 'x@example.com', x: 1 });
    const [entry] = await sim.requests();
    expect(entry).toMatchObject({ method: 'POST', path: '/contacts', status: 400, errorCode: 'bad_request' });
    expect(entry.body).toEqual({ email: 'x@example.com', x: 1 });
  });
});
