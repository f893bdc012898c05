// Contact endpoints over HTTP: get, delete, archive, custom attributes, owner, merge, list and the request log.
import { describe, expect, it } from 'vitest';
import { expectedError, useSimulator } from '../test-support/harness.js';
import { contactHelpers } from '../test-support/contacts.js';

const sim = useSimulator();
const {
  createContact,
  createUser,
  createLead,
  defineAttribute,
  archive,
  fieldError,
  invalid,
  userNotFound,
  undefinedAttribute,
  contactBody,
  contactCount,
} = contactHelpers(sim);

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
