// Identify Contact against the simulator: R1-R3, R6, R7 and R16, asserting every request made and the contacts left.
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../errors.js';
import { DESTINATION_ID, useIntercom } from '../test-support/harness.js';
import { identifyContact } from './index.js';

const h = useIntercom();
const contacts = async () => (await h.sim.state()).contacts as any[];
const ok = { status: 'ok', warnings: [] };

describe('R1: a user needs external_id or email', () => {
  it('fails with a FerryError and makes no request', async () => {
    const run = await h.run(identifyContact, { role: 'user', name: 'Ann', phone: '+1 555 0100' }, { anonymousId: 'anon-1' });
    expect(run.status).toBe('failed');
    expect(run.error).toBeInstanceOf(FerryError);
    expect((run.error as FerryError).code).toBe('FERRY_ERR_PAYLOAD_INVALID');
    expect((run.error as FerryError).message).toBe("identifyContact: a contact with role 'user' needs an external_id or an email");
    expect(await h.requests()).toEqual([]);
    expect(await contacts()).toEqual([]);
  });

  it('accepts a user known by email alone', async () => {
    expect(await h.run(identifyContact, { role: 'user', email: 'ann@example.com' })).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: 'POST /contacts', body: { role: 'user', email: 'ann@example.com' }, status: 200 },
    ]);
  });
});

describe('R2: leads', () => {
  it('creates a lead without external_id, and a second identify of the same visitor updates it with one PUT', async () => {
    const first = await h.run(identifyContact, { role: 'lead', external_id: 'u-1', name: 'Visitor' }, { anonymousId: 'anon-1' });
    expect(first).toEqual({ status: 'ok', warnings: ['external_id left out: Intercom does not allow an external_id on a lead'] });
    const [lead] = await contacts();
    expect(lead).toMatchObject({ role: 'lead', external_id: null, name: 'Visitor' });

    const second = await h.run(identifyContact, { role: 'lead', email: 'v@example.com' }, { anonymousId: 'anon-1' });
    expect(second).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: 'POST /contacts', body: { role: 'lead', name: 'Visitor' }, status: 200 },
      { call: `PUT /contacts/${lead.id}`, body: { role: 'lead', email: 'v@example.com' }, status: 200 },
    ]);
    const after = await contacts();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: lead.id, role: 'lead', external_id: null, name: 'Visitor', email: 'v@example.com' });
  });

  it('keeps two visitors apart: another anonymousId gets its own lead', async () => {
    await h.run(identifyContact, { role: 'lead', name: 'One' }, { anonymousId: 'anon-1' });
    await h.run(identifyContact, { role: 'lead', name: 'Two' }, { anonymousId: 'anon-2' });
    expect((await h.requests()).map((r) => r.call)).toEqual(['POST /contacts', 'POST /contacts']);
    expect((await contacts()).map((c) => [c.role, c.name])).toEqual([['lead', 'One'], ['lead', 'Two']]);
  });

  it('remembers the lead under the visitor\'s anonymousId', async () => {
    await h.run(identifyContact, { role: 'lead', name: 'Visitor' }, { anonymousId: 'anon-1' });
    const [lead] = await contacts();
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'anonymous_id', value: 'anon-1' })).toEqual({ id: lead.id, role: 'lead' });
  });

  it('updates a visitor who has become a user without trying to make it a lead again', async () => {
    await h.run(identifyContact, { role: 'user', external_id: 'u-1' }, { userId: 'u-1', anonymousId: 'anon-1' });
    const [user] = await contacts();
    await h.clearRequests();
    expect(await h.run(identifyContact, { role: 'lead', name: 'Ann' }, { anonymousId: 'anon-1' })).toEqual(ok);
    expect(await h.requests()).toEqual([{ call: `PUT /contacts/${user.id}`, body: { name: 'Ann' }, status: 200 }]);
    expect(await contacts()).toEqual([expect.objectContaining({ id: user.id, role: 'user', name: 'Ann' })]);
  });
});

describe('R3: as few calls as correctness allows', () => {
  it('creates a new user with exactly one POST and updates the known user with exactly one PUT', async () => {
    const event = { userId: 'u-1', anonymousId: 'anon-1' };
    expect(await h.run(identifyContact, { role: 'user', external_id: 'u-1', email: 'ann@example.com' }, event)).toEqual(ok);
    const [user] = await contacts();
    expect(await h.requests()).toEqual([
      { call: 'POST /contacts', body: { role: 'user', external_id: 'u-1', email: 'ann@example.com' }, status: 200 },
    ]);

    await h.clearRequests();
    expect(await h.run(identifyContact, { role: 'user', external_id: 'u-1', name: 'Ann' }, event)).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: `PUT /contacts/${user.id}`, body: { role: 'user', external_id: 'u-1', name: 'Ann' }, status: 200 },
    ]);
    const after = await contacts();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: user.id, external_id: 'u-1', email: 'ann@example.com', name: 'Ann' });
  });

  it('finds a known user by email when the external_id is not mapped', async () => {
    await h.run(identifyContact, { role: 'user', external_id: 'u-1', email: 'Ann@Example.com' });
    const [user] = await contacts();
    await h.clearRequests();
    expect(await h.run(identifyContact, { role: 'user', email: 'ann@example.com', name: 'Ann' })).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: `PUT /contacts/${user.id}`, body: { role: 'user', email: 'ann@example.com', name: 'Ann' }, status: 200 },
    ]);
    expect(await contacts()).toHaveLength(1);
  });
});

describe('R6: timestamps arrive as unix seconds', () => {
  it('sends milliseconds, ISO text and numeric strings as integer seconds', async () => {
    const payload = {
      role: 'user', external_id: 'u-1', signed_up_at: 1_700_000_000_123, last_seen_at: '2024-01-02T03:04:05.678Z',
    };
    expect(await h.run(identifyContact, payload)).toEqual(ok);
    expect(await h.requests()).toEqual([
      {
        call: 'POST /contacts',
        body: { role: 'user', external_id: 'u-1', signed_up_at: 1_700_000_000, last_seen_at: 1_704_164_645 },
        status: 200,
      },
    ]);
    expect((await contacts())[0]).toMatchObject({ signed_up_at: 1_700_000_000, last_seen_at: 1_704_164_645 });

    await h.clearRequests();
    await h.run(identifyContact, { role: 'user', external_id: 'u-1', signed_up_at: '1699999999' });
    expect((await h.requests())[0]!.body).toEqual({ role: 'user', external_id: 'u-1', signed_up_at: 1_699_999_999 });
  });

  it('fails an unparseable date with a FerryError naming the field, before any request', async () => {
    const run = await h.run(identifyContact, { role: 'user', external_id: 'u-1', last_seen_at: 'yesterday-ish' });
    expect(run.status).toBe('failed');
    expect(run.error).toBeInstanceOf(FerryError);
    expect((run.error as FerryError).details.field).toBe('last_seen_at');
    expect((run.error as FerryError).message).toContain("'last_seen_at'");
    expect(await h.requests()).toEqual([]);
  });
});

describe('R7: custom attributes', () => {
  it("resends without an attribute Intercom does not know, warns naming it, and the rest lands", async () => {
    await h.sim.control('POST', '/data-attributes', { model: 'contact', name: 'plan', data_type: 'string' });
    const run = await h.run(identifyContact, { role: 'user', external_id: 'u-1', custom_attributes: { plan: 'pro', ghost: 'x' } });
    expect(run.status).toBe('ok');
    expect(run.warnings).toEqual([
      "custom attribute 'ghost' does not exist in Intercom, so it was left out (create it in Intercom to keep it)",
    ]);
    expect(await h.requests()).toEqual([
      { call: 'POST /contacts', body: { role: 'user', external_id: 'u-1', custom_attributes: { plan: 'pro', ghost: 'x' } }, status: 400 },
      { call: 'POST /contacts', body: { role: 'user', external_id: 'u-1', custom_attributes: { plan: 'pro' } }, status: 200 },
    ]);
    const all = await contacts();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ external_id: 'u-1', custom_attributes: { plan: 'pro' } });
  });

  it('drops every unknown attribute in turn, on an update too', async () => {
    await h.sim.control('POST', '/data-attributes', { model: 'contact', name: 'plan', data_type: 'string' });
    await h.run(identifyContact, { role: 'user', external_id: 'u-1' });
    const [user] = await contacts();
    await h.clearRequests();
    const run = await h.run(identifyContact, {
      role: 'user', external_id: 'u-1', custom_attributes: { ghost: 1, plan: 'team', phantom: true },
    });
    expect(run.status).toBe('ok');
    expect(run.warnings).toEqual([expect.stringContaining("'ghost'"), expect.stringContaining("'phantom'")]);
    const base = { role: 'user', external_id: 'u-1' };
    expect(await h.requests()).toEqual([
      { call: `PUT /contacts/${user.id}`, body: { ...base, custom_attributes: { ghost: 1, plan: 'team', phantom: true } }, status: 400 },
      { call: `PUT /contacts/${user.id}`, body: { ...base, custom_attributes: { plan: 'team', phantom: true } }, status: 400 },
      { call: `PUT /contacts/${user.id}`, body: { ...base, custom_attributes: { plan: 'team' } }, status: 200 },
    ]);
    expect((await contacts())[0].custom_attributes).toEqual({ plan: 'team' });
  });

  it('never sends a nested value, and warns naming it', async () => {
    await h.sim.control('POST', '/data-attributes', { model: 'contact', name: 'plan', data_type: 'string' });
    const run = await h.run(identifyContact, {
      role: 'user', external_id: 'u-1', custom_attributes: { plan: 'pro', address: { city: 'Oslo' } },
    });
    expect(run.status).toBe('ok');
    expect(run.warnings).toEqual([expect.stringMatching(/custom attributes left out .*: address$/)]);
    expect(await h.requests()).toEqual([
      { call: 'POST /contacts', body: { role: 'user', external_id: 'u-1', custom_attributes: { plan: 'pro' } }, status: 200 },
    ]);
  });
});

describe('R16: identity cache', () => {
  it('evicts a cached id Intercom no longer has, creates the contact again, then costs one call', async () => {
    const event = { userId: 'u-1', anonymousId: 'anon-1' };
    await h.run(identifyContact, { role: 'user', external_id: 'u-1' }, event);
    const [gone] = await contacts();
    expect((await h.sim.api('DELETE', `/contacts/${gone.id}`)).status).toBe(200);
    await h.clearRequests();

    expect(await h.run(identifyContact, { role: 'user', external_id: 'u-1', name: 'Ann' }, event)).toEqual(ok);
    const [again] = await contacts();
    expect(again.id).not.toBe(gone.id);
    const body = { role: 'user', external_id: 'u-1', name: 'Ann' };
    expect(await h.requests()).toEqual([
      { call: `PUT /contacts/${gone.id}`, body, status: 404 },
      { call: 'POST /contacts', body, status: 200 },
    ]);
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'external_id', value: 'u-1' })).toEqual({ id: again.id, role: 'user' });
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'anonymous_id', value: 'anon-1' })).toEqual({ id: again.id, role: 'user' });

    await h.clearRequests();
    expect(await h.run(identifyContact, { role: 'user', external_id: 'u-1', phone: '+1 555 0100' }, event)).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: `PUT /contacts/${again.id}`, body: { role: 'user', external_id: 'u-1', phone: '+1 555 0100' }, status: 200 },
    ]);
    expect(await contacts()).toEqual([expect.objectContaining({ id: again.id, name: 'Ann', phone: '+1 555 0100' })]);
  });

  it('evicts a cached lead Intercom no longer has and creates a new lead', async () => {
    await h.run(identifyContact, { role: 'lead', name: 'Visitor' }, { anonymousId: 'anon-1' });
    const [gone] = await contacts();
    await h.sim.api('DELETE', `/contacts/${gone.id}`);
    await h.clearRequests();
    expect(await h.run(identifyContact, { role: 'lead', name: 'Visitor' }, { anonymousId: 'anon-1' })).toEqual(ok);
    expect(await h.requests()).toEqual([
      { call: `PUT /contacts/${gone.id}`, body: { role: 'lead', name: 'Visitor' }, status: 404 },
      { call: 'POST /contacts', body: { role: 'lead', name: 'Visitor' }, status: 200 },
    ]);
    const [lead] = await contacts();
    expect(await h.cache.findContact(DESTINATION_ID, { kind: 'anonymous_id', value: 'anon-1' })).toEqual({ id: lead.id, role: 'lead' });
  });
});
