// Identify Contact against the simulator: the person's leads become its user (R4) — merged into a user ferry knows,
// and, with matchLeadsByEmail, found by email when ferry did not create them. Every request asserted.
import { describe, expect, it } from 'vitest';
import { DESTINATION_ID, isFailure, useIntercom } from '../test-support/harness.js';
import { identifyContact } from './index.js';

const h = useIntercom();
const contacts = async () => (await h.sim.state()).contacts as any[];
const ok = { status: 'ok', warnings: [] };

async function leadFor(anonymousId: string, payload: Record<string, unknown>): Promise<string> {
  expect(await h.run(identifyContact, { role: 'lead', ...payload }, { anonymousId })).toEqual(ok);
  return (await contacts()).find((c) => c.role === 'lead' && c.email === (payload.email ?? null)).id as string;
}

describe('R4: the lead of a user ferry already knows', () => {
  it('merges the lead into the known user after updating it (PUT the user, merge) — one contact', async () => {
    await h.run(identifyContact, { role: 'user', external_id: 'u-max' }, { userId: 'u-max' });
    const [user] = await contacts();
    const leadId = await leadFor('anon-2', { email: 'max@example.com', name: 'Visitor' });
    await h.clearRequests();

    const body = { role: 'user', external_id: 'u-max', email: 'max@example.com' };
    expect(await h.run(identifyContact, body, { userId: 'u-max', anonymousId: 'anon-2' })).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: `PUT /contacts/${user.id}`, body, status: 200 },
      { call: 'POST /contacts/merge', body: { from: leadId, into: user.id }, status: 200 },
    ]);
    expect(await contacts()).toEqual([
      expect.objectContaining({ id: user.id, role: 'user', external_id: 'u-max', email: 'max@example.com', name: 'Visitor' }),
    ]);
    for (const key of [{ kind: 'anonymous_id', value: 'anon-2' }, { kind: 'email', value: 'max@example.com' }] as const) {
      expect(await h.cache.findContact(DESTINATION_ID, key)).toEqual({ id: user.id, role: 'user' });
    }
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'lead_email', value: 'max@example.com' })).toBeUndefined();

    // Merged once: the next identify is one PUT again.
    await h.clearRequests();
    expect(await h.run(identifyContact, body, { userId: 'u-max', anonymousId: 'anon-2' })).toEqual(ok);
    expect((await h.requests()).map((r) => r.call)).toEqual([`PUT /contacts/${user.id}`]);
  });

  it('finds the lead by the email ferry gave it when the sign-up carries no anonymousId', async () => {
    await h.run(identifyContact, { role: 'user', external_id: 'u-max' }, { userId: 'u-max' });
    const [user] = await contacts();
    const leadId = await leadFor('anon-2', { email: 'max@example.com' });
    await h.clearRequests();
    const body = { role: 'user', external_id: 'u-max', email: 'max@example.com' };
    expect(await h.run(identifyContact, body, { userId: 'u-max' })).toEqual(ok);
    expect((await h.requests()).map((r) => [r.call, r.body])).toEqual([
      [`PUT /contacts/${user.id}`, body],
      ['POST /contacts/merge', { from: leadId, into: user.id }],
    ]);
    expect((await contacts()).map((c) => c.id)).toEqual([user.id]);
  });

  it('remembers the converted lead\'s email as the user\'s: a repeated sign-up is one PUT, never a merge of the user into itself', async () => {
    const leadId = await leadFor('anon-2', { email: 'max@example.com' });
    const body = { role: 'user', external_id: 'u-max', email: 'max@example.com' };
    expect(await h.run(identifyContact, body, { userId: 'u-max', anonymousId: 'anon-2' })).toEqual(ok);
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'lead_email', value: 'max@example.com' })).toEqual({ id: leadId, role: 'user' });
    await h.clearRequests();
    expect(await h.run(identifyContact, body, { userId: 'u-max', anonymousId: 'anon-2' })).toEqual(ok);
    expect(await h.requests()).toEqual([{ call: `PUT /contacts/${leadId}`, body, status: 200 }]);
  });

  it('needs nothing more when the lead is gone already (404 on the merge), and forgets it', async () => {
    await h.run(identifyContact, { role: 'user', external_id: 'u-max' }, { userId: 'u-max' });
    const [user] = await contacts();
    const leadId = await leadFor('anon-2', { name: 'Visitor' });
    await h.sim.api('DELETE', `/contacts/${leadId}`);
    await h.clearRequests();
    const body = { role: 'user', external_id: 'u-max' };
    expect(await h.run(identifyContact, body, { userId: 'u-max', anonymousId: 'anon-2' })).toEqual(ok);
    expect((await h.requests()).map((r) => [r.call, r.status])).toEqual([
      [`PUT /contacts/${user.id}`, 200],
      ['POST /contacts/merge', 404],
    ]);
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'anonymous_id', value: 'anon-2' })).toEqual({ id: user.id, role: 'user' });
  });

  it('warns instead of failing when the remembered lead has become a user elsewhere (Intercom refuses the merge)', async () => {
    await h.run(identifyContact, { role: 'user', external_id: 'u-max' }, { userId: 'u-max' });
    const [user] = await contacts();
    const leadId = await leadFor('anon-2', { name: 'Visitor' });
    await h.sim.api('PUT', `/contacts/${leadId}`, { role: 'user', external_id: 'someone-else' });
    await h.clearRequests();
    const run = await h.run(identifyContact, { role: 'user', external_id: 'u-max' }, { userId: 'u-max', anonymousId: 'anon-2' });
    expect(run).toEqual({
      status: 'ok', warnings: [`contact ${leadId} was not merged into the user: Intercom says it is no longer a lead`],
    });
    expect((await h.requests()).map((r) => [r.call, r.status])).toEqual([
      [`PUT /contacts/${user.id}`, 200],
      ['POST /contacts/merge', 400],
    ]);
  });

  it('fails for a retry when the merge meets an outage, keeping the lead; the retry finishes the merge', async () => {
    await h.run(identifyContact, { role: 'user', external_id: 'u-max' }, { userId: 'u-max' });
    const [user] = await contacts();
    const leadId = await leadFor('anon-2', { name: 'Visitor' });
    await h.clearRequests();
    await h.sim.faults({ status: 503, count: 1, method: 'POST', path: '/contacts/merge' });
    const event = { userId: 'u-max', anonymousId: 'anon-2' };
    const failed = await h.run(identifyContact, { role: 'user', external_id: 'u-max' }, event);
    expect(failed.status).toBe('failed');
    expect(isFailure(failed.error, 'retry')).toBe(true);
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'anonymous_id', value: 'anon-2' })).toEqual({ id: leadId, role: 'lead' });

    expect(await h.run(identifyContact, { role: 'user', external_id: 'u-max' }, event)).toEqual(ok);
    expect((await h.requests()).map((r) => [r.call, r.status])).toEqual([
      [`PUT /contacts/${user.id}`, 200],
      ['POST /contacts/merge', 503],
      [`PUT /contacts/${user.id}`, 200],
      ['POST /contacts/merge', 200],
    ]);
    expect((await contacts()).map((c) => c.id)).toEqual([user.id]);
  });
});
