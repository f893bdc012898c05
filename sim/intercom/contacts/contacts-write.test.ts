// Contact endpoints over HTTP, writes: create, uniqueness (409 conflicts) and update.
import { describe, expect, it } from 'vitest';
import { expectedError, useSimulator } from '../test-support/harness.js';
import { contactHelpers } from '../test-support/contacts.js';

const sim = useSimulator();
const {
  createContact,
  createUser,
  createLead,
  archive,
  invalid,
  userNotFound,
  contactBody,
  contactCount,
} = contactHelpers(sim);

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
