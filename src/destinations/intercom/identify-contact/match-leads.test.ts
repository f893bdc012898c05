// Identify Contact against the simulator: matchLeadsByEmail — leads ferry did not create (the Messenger's), seeded
// directly in Intercom, are converted or merged when a user with their email identifies (R4); off, nothing is searched.
import { describe, expect, it } from 'vitest';
import { DESTINATION_ID, useIntercom } from '../test-support/harness.js';
import { identifyContact } from './index.js';
import { LEAD_SEARCH_PAGE } from './leads.js';

const h = useIntercom();
const contacts = async () => (await h.sim.state()).contacts as any[];
const ok = { status: 'ok', warnings: [] };
const on = { matchLeadsByEmail: true };
const EMAIL = 'max@example.com';
const leadSearch = (email: string) => ({
  query: {
    operator: 'AND',
    value: [{ field: 'email', operator: '=', value: email }, { field: 'role', operator: '=', value: 'lead' }],
  },
  pagination: { per_page: LEAD_SEARCH_PAGE },
});

describe('R4 with matchLeadsByEmail off (the default)', () => {
  it('creates the user beside a lead with its email, without searching: two contacts, as before', async () => {
    const leadId = await h.createContact({ role: 'lead', email: EMAIL });
    await h.clearRequests();
    const body = { role: 'user', external_id: 'u-max', email: EMAIL };
    expect(await h.run(identifyContact, body, { userId: 'u-max' })).toEqual(ok);
    expect((await h.requests()).map((r) => [r.call, r.status])).toEqual([['POST /contacts', 200]]);
    expect((await contacts()).map((c) => [c.role, c.id === leadId])).toEqual([['lead', true], ['user', false]]);
  });
});

describe('R4 with matchLeadsByEmail on', () => {
  it('converts the lead when no user exists yet: one search, one PUT; later identifies search no more', async () => {
    const leadId = await h.createContact({ role: 'lead', email: EMAIL, name: 'Visitor' });
    await h.clearRequests();
    const body = { role: 'user', external_id: 'u-max', email: EMAIL };
    expect(await h.run(identifyContact, body, { userId: 'u-max' }, on)).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: 'POST /contacts/search', body: leadSearch(EMAIL), status: 200 },
      { call: `PUT /contacts/${leadId}`, body, status: 200 },
    ]);
    expect(await contacts()).toEqual([
      expect.objectContaining({ id: leadId, role: 'user', external_id: 'u-max', email: EMAIL, name: 'Visitor' }),
    ]);

    await h.clearRequests();
    expect(await h.run(identifyContact, body, { userId: 'u-max' }, on)).toEqual(ok);
    expect((await h.requests()).map((r) => r.call)).toEqual([`PUT /contacts/${leadId}`]);
  });

  it('merges the lead into the user ferry knows when the user first brings that email', async () => {
    await h.run(identifyContact, { role: 'user', external_id: 'u-max' }, { userId: 'u-max' }, on);
    const [user] = await contacts();
    const leadId = await h.createContact({ role: 'lead', email: EMAIL, phone: '+1 555 0100' });
    await h.clearRequests();
    const body = { role: 'user', external_id: 'u-max', email: EMAIL };
    expect(await h.run(identifyContact, body, { userId: 'u-max' }, on)).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: 'POST /contacts/search', body: leadSearch(EMAIL), status: 200 },
      { call: `PUT /contacts/${user.id}`, body, status: 200 },
      { call: 'POST /contacts/merge', body: { from: leadId, into: user.id }, status: 200 },
    ]);
    expect(await contacts()).toEqual([
      expect.objectContaining({ id: user.id, role: 'user', external_id: 'u-max', email: EMAIL, phone: '+1 555 0100' }),
    ]);
  });

  it('merges into a user Intercom has and ferry does not know (the conversion PUT answers 409)', async () => {
    const userId = await h.createContact({ role: 'user', external_id: 'u-max', email: EMAIL });
    const leadId = await h.createContact({ role: 'lead', email: EMAIL, name: 'Visitor' });
    await h.clearRequests();
    const body = { role: 'user', external_id: 'u-max', email: EMAIL };
    expect(await h.run(identifyContact, body, { userId: 'u-max' }, on)).toEqual(ok);
    expect((await h.requests()).map((r) => [r.call, r.status])).toEqual([
      ['POST /contacts/search', 200],
      [`PUT /contacts/${leadId}`, 409],
      ['POST /contacts/merge', 200],
      [`PUT /contacts/${userId}`, 200],
    ]);
    expect(await contacts()).toEqual([expect.objectContaining({ id: userId, role: 'user', name: 'Visitor' })]);
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'external_id', value: 'u-max' })).toEqual({ id: userId, role: 'user' });
  });

  it('makes every lead with the email the one user: converts the first, merges the others', async () => {
    const first = await h.createContact({ role: 'lead', email: EMAIL, name: 'Chat 1' });
    const second = await h.createContact({ role: 'lead', email: EMAIL, phone: '+1 555 0100' });
    await h.clearRequests();
    expect(await h.run(identifyContact, { role: 'user', external_id: 'u-max', email: EMAIL }, { userId: 'u-max' }, on)).toEqual(ok);
    expect((await h.requests()).map((r) => [r.call, r.body])).toEqual([
      ['POST /contacts/search', leadSearch(EMAIL)],
      [`PUT /contacts/${first}`, { role: 'user', external_id: 'u-max', email: EMAIL }],
      ['POST /contacts/merge', { from: second, into: first }],
    ]);
    expect(await contacts()).toEqual([
      expect.objectContaining({ id: first, role: 'user', name: 'Chat 1', phone: '+1 555 0100' }),
    ]);
  });

  it('does not search for an email ferry already knows as a user\'s, nor for a user without an email', async () => {
    await h.run(identifyContact, { role: 'user', external_id: 'u-max', email: EMAIL }, { userId: 'u-max' }, on);
    await h.run(identifyContact, { role: 'user', external_id: 'u-other' }, { userId: 'u-other' }, on);
    const calls = (await h.requests()).map((r) => r.call);
    expect(calls).toEqual(['POST /contacts/search', 'POST /contacts', 'POST /contacts']);
    await h.clearRequests();
    await h.run(identifyContact, { role: 'user', email: EMAIL, name: 'Max' }, {}, on);
    expect((await h.requests()).map((r) => r.call)).toEqual([expect.stringMatching(/^PUT \/contacts\//)]);
  });

  it('leaves a lead with another email alone', async () => {
    const other = await h.createContact({ role: 'lead', email: 'someone@example.com' });
    expect(await h.run(identifyContact, { role: 'user', external_id: 'u-max', email: EMAIL }, { userId: 'u-max' }, on)).toEqual(ok);
    expect((await contacts()).map((c) => [c.role, c.id === other])).toEqual([['lead', true], ['user', false]]);
  });
});
