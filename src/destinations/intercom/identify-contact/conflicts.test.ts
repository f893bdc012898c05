// Identify Contact against the simulator: a lead becoming a user (R4) and 409 conflicts on create (R5), one contact each.
import { describe, expect, it } from 'vitest';
import { DESTINATION_ID, useIntercom } from '../test-support/harness.js';
import { identifyContact } from './index.js';

const h = useIntercom();
const contacts = async () => (await h.sim.state()).contacts as any[];
const ok = { status: 'ok', warnings: [] };

/** An anonymous visitor's lead, created through the action as ferry would; returns its Intercom id. */
async function leadFor(anonymousId: string, payload: Record<string, unknown> = {}): Promise<string> {
  expect(await h.run(identifyContact, { role: 'lead', ...payload }, { anonymousId })).toEqual(ok);
  const lead = (await contacts()).find((c) => c.role === 'lead');
  return lead.id as string;
}

describe('R4: lead -> user', () => {
  it('converts the lead with one PUT (role user + external_id) when no user exists yet', async () => {
    const leadId = await leadFor('anon-1', { email: 'ann@example.com', name: 'Visitor' });
    await h.clearRequests();

    const user = { role: 'user', external_id: 'u-1', email: 'ann@example.com', name: 'Ann' };
    expect(await h.run(identifyContact, user, { userId: 'u-1', anonymousId: 'anon-1' })).toEqual(ok);
    expect(await h.requests()).toEqual([{ call: `PUT /contacts/${leadId}`, body: user, status: 200 }]);
    expect(await contacts()).toEqual([
      expect.objectContaining({ id: leadId, role: 'user', external_id: 'u-1', email: 'ann@example.com', name: 'Ann' }),
    ]);
    // From now on the user is known: one PUT, to the same contact.
    await h.clearRequests();
    await h.run(identifyContact, { role: 'user', external_id: 'u-1', phone: '+1 555 0100' }, { userId: 'u-1' });
    expect(await h.requests()).toEqual([
      { call: `PUT /contacts/${leadId}`, body: { role: 'user', external_id: 'u-1', phone: '+1 555 0100' }, status: 200 },
    ]);
  });

  it('converts the lead ferry created with the same email, though the anonymousId differs', async () => {
    const leadId = await leadFor('anon-1', { email: 'ann@example.com' });
    await h.clearRequests();

    const user = { role: 'user', external_id: 'u-1', email: 'ann@example.com' };
    expect(await h.run(identifyContact, user, { userId: 'u-1', anonymousId: 'anon-2' })).toEqual(ok);
    expect(await h.requests()).toEqual([{ call: `PUT /contacts/${leadId}`, body: user, status: 200 }]);
    expect(await contacts()).toEqual([expect.objectContaining({ id: leadId, role: 'user', external_id: 'u-1' })]);
  });

  it('converts a lead by the email ferry gave it on a later identify, not only the email it was created with', async () => {
    const leadId = await leadFor('anon-1', { name: 'Visitor' });
    expect(await h.run(identifyContact, { role: 'lead', email: 'ann@example.com' }, { anonymousId: 'anon-1' })).toEqual(ok);
    await h.clearRequests();

    const user = { role: 'user', external_id: 'u-1', email: 'ann@example.com' };
    expect(await h.run(identifyContact, user, { userId: 'u-1', anonymousId: 'anon-2' })).toEqual(ok);
    expect(await h.requests()).toEqual([{ call: `PUT /contacts/${leadId}`, body: user, status: 200 }]);
    expect(await contacts()).toEqual([expect.objectContaining({ id: leadId, role: 'user', name: 'Visitor' })]);
  });

  it('merges the lead into the user Intercom already has (PUT 409 -> merge -> PUT the user)', async () => {
    const userId = await h.createContact({ role: 'user', external_id: 'u-1', email: 'ann@example.com' });
    const leadId = await leadFor('anon-1', { name: 'Visitor', phone: '+1 555 0100' });
    await h.clearRequests();

    const user = { role: 'user', external_id: 'u-1', email: 'ann@example.com' };
    expect(await h.run(identifyContact, user, { userId: 'u-1', anonymousId: 'anon-1' })).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: `PUT /contacts/${leadId}`, body: user, status: 409 },
      { call: 'POST /contacts/merge', body: { from: leadId, into: userId }, status: 200 },
      { call: `PUT /contacts/${userId}`, body: user, status: 200 },
    ]);
    // One contact: the user, with what it gained from the lead.
    expect(await contacts()).toEqual([
      expect.objectContaining({ id: userId, role: 'user', external_id: 'u-1', name: 'Visitor', phone: '+1 555 0100' }),
    ]);
    // The lead's id is forgotten; the visitor now means the user.
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'anonymous_id', value: 'anon-1' })).toEqual({ id: userId, role: 'user' });
    await h.clearRequests();
    await h.run(identifyContact, { role: 'user', external_id: 'u-1' }, { userId: 'u-1', anonymousId: 'anon-1' });
    expect((await h.requests()).map((r) => r.call)).toEqual([`PUT /contacts/${userId}`]);
  });

  it('merges into a user that holds the same email (the lead was found by email)', async () => {
    const userId = await h.createContact({ role: 'user', email: 'ann@example.com' });
    const leadId = await leadFor('anon-1', { email: 'ann@example.com', name: 'Visitor' });
    await h.clearRequests();

    const user = { role: 'user', email: 'ann@example.com' };
    expect(await h.run(identifyContact, user, { anonymousId: 'anon-9' })).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: `PUT /contacts/${leadId}`, body: user, status: 409 },
      { call: 'POST /contacts/merge', body: { from: leadId, into: userId }, status: 200 },
      { call: `PUT /contacts/${userId}`, body: user, status: 200 },
    ]);
    expect(await contacts()).toEqual([expect.objectContaining({ id: userId, role: 'user', name: 'Visitor' })]);
  });

  it('unarchives an archived user before merging the lead into it', async () => {
    const userId = await h.createContact({ role: 'user', external_id: 'u-1' });
    await h.sim.api('POST', `/contacts/${userId}/archive`);
    const leadId = await leadFor('anon-1', { name: 'Visitor' });
    await h.clearRequests();

    const user = { role: 'user', external_id: 'u-1' };
    expect(await h.run(identifyContact, user, { userId: 'u-1', anonymousId: 'anon-1' })).toEqual(ok);
    expect((await h.requests()).map(({ call, status }) => [call, status])).toEqual([
      [`PUT /contacts/${leadId}`, 409],
      [`POST /contacts/${userId}/unarchive`, 200],
      ['POST /contacts/merge', 200],
      [`PUT /contacts/${userId}`, 200],
    ]);
    expect(await contacts()).toEqual([expect.objectContaining({ id: userId, archived: false, name: 'Visitor' })]);
  });
});

describe('R5: 409 on create', () => {
  it('PUTs to the contact Intercom names when search lags behind: one contact, no error', async () => {
    await h.sim.control('POST', '/faults', { searchLagMs: 2000 });
    const existing = await h.createContact({ role: 'user', external_id: 'u-1', email: 'ann@example.com' });
    // The search index has not caught up: only the uniqueness check knows the contact.
    const search = await h.sim.api('POST', '/contacts/search', { query: { field: 'external_id', operator: '=', value: 'u-1' } });
    expect(search.body.total_count).toBe(0);
    await h.clearRequests();

    const user = { role: 'user', external_id: 'u-1', email: 'ann@example.com', name: 'Ann' };
    expect(await h.run(identifyContact, user, { userId: 'u-1' })).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: 'POST /contacts', body: user, status: 409 },
      { call: `PUT /contacts/${existing}`, body: user, status: 200 },
    ]);
    expect(await contacts()).toEqual([expect.objectContaining({ id: existing, external_id: 'u-1', name: 'Ann' })]);
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'external_id', value: 'u-1' })).toEqual({ id: existing, role: 'user' });
  });

  it('takes the id from a 409 on the email of another user', async () => {
    const existing = await h.createContact({ role: 'user', email: 'ann@example.com' });
    await h.clearRequests();
    const user = { role: 'user', email: 'ann@example.com', name: 'Ann' };
    expect(await h.run(identifyContact, user)).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: 'POST /contacts', body: user, status: 409 },
      { call: `PUT /contacts/${existing}`, body: user, status: 200 },
    ]);
    expect(await contacts()).toHaveLength(1);
  });

  it('unarchives the archived contact Intercom names, then PUTs to it', async () => {
    const existing = await h.createContact({ role: 'user', external_id: 'u-1' });
    await h.sim.api('POST', `/contacts/${existing}/archive`);
    await h.clearRequests();

    const user = { role: 'user', external_id: 'u-1', name: 'Ann' };
    expect(await h.run(identifyContact, user, { userId: 'u-1' })).toEqual(ok);
    const requests = await h.requests();
    expect(requests.map(({ call, status }) => [call, status])).toEqual([
      ['POST /contacts', 409],
      [`POST /contacts/${existing}/unarchive`, 200],
      [`PUT /contacts/${existing}`, 200],
    ]);
    expect(requests[0]!.body).toEqual(user);
    expect(requests[2]!.body).toEqual(user);
    expect(await contacts()).toEqual([expect.objectContaining({ id: existing, archived: false, name: 'Ann' })]);
  });

  it('does not send an attribute Intercom refused again on the PUT after a 409 (one refusal, one warning)', async () => {
    await h.sim.control('POST', '/data-attributes', { model: 'contact', name: 'plan', data_type: 'string' });
    const existing = await h.createContact({ role: 'user', external_id: 'u-1' });
    await h.clearRequests();
    const run = await h.run(identifyContact, { role: 'user', external_id: 'u-1', custom_attributes: { ghost: 'x', plan: 'pro' } });
    expect(run.status).toBe('ok');
    expect(run.warnings).toEqual([expect.stringContaining("'ghost'")]);
    const user = { role: 'user', external_id: 'u-1' };
    expect(await h.requests()).toEqual([
      { call: 'POST /contacts', body: { ...user, custom_attributes: { ghost: 'x', plan: 'pro' } }, status: 400 },
      { call: 'POST /contacts', body: { ...user, custom_attributes: { plan: 'pro' } }, status: 409 },
      { call: `PUT /contacts/${existing}`, body: { ...user, custom_attributes: { plan: 'pro' } }, status: 200 },
    ]);
    expect(await contacts()).toEqual([expect.objectContaining({ id: existing, custom_attributes: { plan: 'pro' } })]);
  });

  it('does not send a refused attribute again after a merge either', async () => {
    const userId = await h.createContact({ role: 'user', external_id: 'u-1' });
    const leadId = await leadFor('anon-1', { name: 'Visitor' });
    await h.clearRequests();
    const run = await h.run(
      identifyContact, { role: 'user', external_id: 'u-1', custom_attributes: { ghost: 'x' } }, { anonymousId: 'anon-1' },
    );
    expect(run.status).toBe('ok');
    expect(run.warnings).toEqual([expect.stringContaining("'ghost'")]);
    const user = { role: 'user', external_id: 'u-1' };
    expect(await h.requests()).toEqual([
      { call: `PUT /contacts/${leadId}`, body: { ...user, custom_attributes: { ghost: 'x' } }, status: 400 },
      { call: `PUT /contacts/${leadId}`, body: { ...user, custom_attributes: {} }, status: 409 },
      { call: 'POST /contacts/merge', body: { from: leadId, into: userId }, status: 200 },
      { call: `PUT /contacts/${userId}`, body: { ...user, custom_attributes: {} }, status: 200 },
    ]);
    expect(await contacts()).toEqual([expect.objectContaining({ id: userId, name: 'Visitor' })]);
  });
});
