// GDPR delete against the simulator (R21): DELETE by the Intercom id, found through the cache or a search.
import { describe, expect, it } from 'vitest';
import type { IntercomContext } from '../context.js';
import { identifyContact } from '../identify-contact/index.js';
import { DESTINATION_ID, useIntercom } from '../test-support/harness.js';
import { deleteContact } from './index.js';

const h = useIntercom();
const contacts = async () => (await h.sim.state()).contacts as any[];
const searchFor = (userId: string) => ({
  query: { field: 'external_id', operator: '=', value: userId },
  pagination: { per_page: 1 },
});

/** The context a delete runs with, built like the harness builds an action's. */
function context(): IntercomContext {
  return {
    intercom: { request: (method, path, body) => h.client.request(method, path, body) },
    cache: h.cache,
    destinationId: DESTINATION_ID,
    event: {},
    warn: () => {},
  };
}

describe('R21: GDPR delete', () => {
  it('deletes by the Intercom id ferry remembers, in one call, never by the userId', async () => {
    await h.run(identifyContact, { role: 'user', external_id: 'u-1' }, { userId: 'u-1', anonymousId: 'anon-1' });
    const [contact] = await contacts();
    await h.clearRequests();

    expect(await deleteContact(context(), { kind: 'userId', value: 'u-1' })).toBe('deleted');
    expect(await h.requests()).toEqual([{ call: `DELETE /contacts/${contact.id}`, body: undefined, status: 200 }]);
    expect(await contacts()).toEqual([]);
    // Every key that pointed at the contact is forgotten: a later identify creates a new one.
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'external_id', value: 'u-1' })).toBeUndefined();
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'anonymous_id', value: 'anon-1' })).toBeUndefined();
  });

  it('finds the Intercom id by searching the external_id when ferry does not know it', async () => {
    const id = await h.createContact({ role: 'user', external_id: 'u-1', email: 'ann@example.com' });
    await h.createContact({ role: 'user', external_id: 'u-2' });
    await h.clearRequests();

    expect(await deleteContact(context(), { kind: 'userId', value: 'u-1' })).toBe('deleted');
    const requests = await h.requests();
    expect(requests).toEqual([
      { call: 'POST /contacts/search', body: searchFor('u-1'), status: 200 },
      { call: `DELETE /contacts/${id}`, body: undefined, status: 200 },
    ]);
    expect(requests.some((r) => r.call.includes('u-1') && r.call.startsWith('DELETE'))).toBe(false);
    expect((await contacts()).map((c) => c.external_id)).toEqual(['u-2']);
    const answer = await h.sim.api('GET', `/contacts/${id}`);
    expect(answer.status).toBe(404);
  });

  it('looks again once when the remembered id is stale, and deletes the contact Intercom has now', async () => {
    await h.run(identifyContact, { role: 'user', external_id: 'u-1' }, { userId: 'u-1' });
    const [stale] = await contacts();
    await h.sim.api('DELETE', `/contacts/${stale.id}`);
    const current = await h.createContact({ role: 'user', external_id: 'u-1' });
    await h.clearRequests();

    expect(await deleteContact(context(), { kind: 'userId', value: 'u-1' })).toBe('deleted');
    expect(await h.requests()).toEqual([
      { call: `DELETE /contacts/${stale.id}`, body: undefined, status: 404 },
      { call: 'POST /contacts/search', body: searchFor('u-1'), status: 200 },
      { call: `DELETE /contacts/${current}`, body: undefined, status: 200 },
    ]);
    expect(await contacts()).toEqual([]);
  });

  it("answers 'not-found' without any DELETE for a user Intercom does not have", async () => {
    await h.createContact({ role: 'user', external_id: 'someone-else' });
    await h.clearRequests();
    expect(await deleteContact(context(), { kind: 'userId', value: 'u-1' })).toBe('not-found');
    expect(await h.requests()).toEqual([{ call: 'POST /contacts/search', body: searchFor('u-1'), status: 200 }]);
    expect(await contacts()).toHaveLength(1);
  });

  it("answers 'not-found' when the remembered contact is gone and the search finds nothing", async () => {
    await h.run(identifyContact, { role: 'user', external_id: 'u-1' }, { userId: 'u-1' });
    const [gone] = await contacts();
    await h.sim.api('DELETE', `/contacts/${gone.id}`);
    await h.clearRequests();
    expect(await deleteContact(context(), { kind: 'userId', value: 'u-1' })).toBe('not-found');
    expect((await h.requests()).map(({ call, status }) => [call, status])).toEqual([
      [`DELETE /contacts/${gone.id}`, 404],
      ['POST /contacts/search', 200],
    ]);
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'external_id', value: 'u-1' })).toBeUndefined();
  });

  it('deletes by email: the user Intercom finds with that email, searched whatever case it was given in', async () => {
    const id = await h.createContact({ role: 'user', email: 'ann@example.com' });
    await h.clearRequests();
    expect(await deleteContact(context(), { kind: 'email', value: 'Ann@Example.com' })).toBe('deleted');
    const emailQuery = {
      operator: 'AND',
      value: [{ field: 'email', operator: '=', value: 'ann@example.com' }, { field: 'role', operator: '=', value: 'user' }],
    };
    expect(await h.requests()).toEqual([
      { call: 'POST /contacts/search', body: { query: emailQuery, pagination: { per_page: 1 } }, status: 200 },
      { call: `DELETE /contacts/${id}`, body: undefined, status: 200 },
    ]);
    expect(await contacts()).toEqual([]);
  });

  it('deletes a lead by the anonymousId ferry remembers it by; one it does not know is not searched for', async () => {
    await h.run(identifyContact, { role: 'lead' }, { anonymousId: 'anon-1' });
    const [lead] = await contacts();
    await h.clearRequests();
    expect(await deleteContact(context(), { kind: 'anonymousId', value: 'anon-1' })).toBe('deleted');
    expect(await h.requests()).toEqual([{ call: `DELETE /contacts/${lead.id}`, body: undefined, status: 200 }]);
    await h.clearRequests();
    expect(await deleteContact(context(), { kind: 'anonymousId', value: 'anon-1' })).toBe('not-found');
    expect(await h.requests()).toEqual([]);
  });
});
