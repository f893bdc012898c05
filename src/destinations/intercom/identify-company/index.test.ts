// Identify Company against the simulator: upsert (R8), attach (R9), no contact (R10), R7 and R16, every request asserted.
import { describe, expect, it } from 'vitest';
import { findAction } from '../index.js';
import { identifyContact } from '../identify-contact/index.js';
import { useIntercom } from '../test-support/harness.js';
import { identifyCompany } from './index.js';

const h = useIntercom();
const state = () => h.sim.state() as Promise<{ contacts: any[]; companies: any[] }>;
const ok = { status: 'ok', warnings: [] };
const NOT_ATTACHED = 'contact not found, not attached';

const byExternalId = (value: string) => ({ query: { field: 'external_id', operator: '=', value }, pagination: { per_page: 1 } });
const byEmail = (value: string) => ({
  query: { operator: 'AND', value: [{ field: 'email', operator: '=', value }, { field: 'role', operator: '=', value: 'user' }] },
  pagination: { per_page: 1 },
});

/** The company's Intercom id and the ids of the contacts attached to it, as Intercom holds them. */
async function attachments(companyId = 'acme') {
  const { contacts, companies } = await state();
  const company = companies.find((c) => c.company_id === companyId);
  const attached = contacts.filter((c) => c.companies.data.some((ref: any) => ref.id === company?.id)).map((c) => c.id);
  return { id: company?.id as string, userCount: company?.user_count as number, attached };
}

/** A user identified through ferry, so the identity cache knows its Intercom id. */
async function identifiedUser(userId: string, email?: string): Promise<string> {
  await h.run(identifyContact, { role: 'user', external_id: userId, ...(email ? { email } : {}) }, { userId });
  const contact = (await state()).contacts.find((c) => c.external_id === userId);
  await h.clearRequests();
  return contact.id as string;
}

describe('R8: the company upsert', () => {
  it('POSTs /companies with company fields only, then attaches the user', async () => {
    const contactId = await identifiedUser('u-1');
    const run = await h.run(
      identifyCompany,
      { company_id: 'acme', name: 'Acme', monthly_spend: 99.9, plan: 'pro', size: 12, external_id: 'u-1', email: 'ann@example.com' },
      { userId: 'u-1' },
    );
    expect(run).toEqual(ok);
    const company = await attachments();
    expect(await h.requests()).toEqual([
      { call: 'POST /companies', body: { company_id: 'acme', name: 'Acme', monthly_spend: 99, plan: 'pro', size: 12 }, status: 200 },
      { call: `POST /contacts/${contactId}/companies`, body: { id: company.id }, status: 200 },
    ]);
    expect(company).toMatchObject({ userCount: 1, attached: [contactId] });
    expect((await state()).companies[0]).toMatchObject({ company_id: 'acme', name: 'Acme', monthly_spend: 99, size: 12, plan: { name: 'pro' } });
  });

  it('updates the same company on a second call (upsert by company_id)', async () => {
    await h.run(identifyCompany, { company_id: 'acme', name: 'Acme' });
    await h.run(identifyCompany, { company_id: 'acme', industry: 'Anvils' });
    const { companies } = await state();
    expect(companies).toHaveLength(1);
    expect(companies[0]).toMatchObject({ company_id: 'acme', name: 'Acme', industry: 'Anvils' });
  });

  it('answers to its alias groupIdentifyContact', () => {
    expect(findAction('groupIdentifyContact')).toBe(identifyCompany);
  });
});

describe('R9: attaching the contact', () => {
  it('attaches by contact_id without any lookup', async () => {
    const contactId = await h.createContact({ role: 'user', external_id: 'u-1' });
    await h.clearRequests();
    expect(await h.run(identifyCompany, { company_id: 'acme', contact_id: contactId, external_id: 'u-2' })).toEqual(ok);
    const company = await attachments();
    expect(await h.requests()).toEqual([
      { call: 'POST /companies', body: { company_id: 'acme' }, status: 200 },
      { call: `POST /contacts/${contactId}/companies`, body: { id: company.id }, status: 200 },
    ]);
    expect(company.attached).toEqual([contactId]);
  });

  it('warns when the given contact_id does not exist, and still upserts the company', async () => {
    const run = await h.run(identifyCompany, { company_id: 'acme', contact_id: '000000000000000000000000' });
    expect(run).toEqual({ status: 'ok', warnings: [NOT_ATTACHED] });
    const company = await attachments();
    expect((await h.requests()).map(({ call, status }) => [call, status])).toEqual([
      ['POST /companies', 200],
      ['POST /contacts/000000000000000000000000/companies', 404],
    ]);
    expect(company.userCount).toBe(0);
  });

  it('attaches by external_id from the cache, without a search', async () => {
    const contactId = await identifiedUser('u-1');
    expect(await h.run(identifyCompany, { company_id: 'acme', external_id: 'u-1' })).toEqual(ok);
    const company = await attachments();
    expect(await h.requests()).toEqual([
      { call: 'POST /companies', body: { company_id: 'acme' }, status: 200 },
      { call: `POST /contacts/${contactId}/companies`, body: { id: company.id }, status: 200 },
    ]);
  });

  it('attaches by external_id found by search when the cache does not know it', async () => {
    const contactId = await h.createContact({ role: 'user', external_id: 'u-1' });
    await h.clearRequests();
    expect(await h.run(identifyCompany, { company_id: 'acme', external_id: 'u-1' }, { userId: 'u-1' })).toEqual(ok);
    const company = await attachments();
    expect(await h.requests()).toEqual([
      { call: 'POST /companies', body: { company_id: 'acme' }, status: 200 },
      { call: 'POST /contacts/search', body: byExternalId('u-1'), status: 200 },
      { call: `POST /contacts/${contactId}/companies`, body: { id: company.id }, status: 200 },
    ]);
    expect(company.attached).toEqual([contactId]);
  });

  it('attaches by email found by search (users only) when there is no external_id', async () => {
    await h.createContact({ role: 'lead', email: 'ann@example.com' });
    const contactId = await h.createContact({ role: 'user', email: 'ann@example.com' });
    await h.clearRequests();
    expect(await h.run(identifyCompany, { company_id: 'acme', email: 'ann@example.com' })).toEqual(ok);
    const company = await attachments();
    expect(await h.requests()).toEqual([
      { call: 'POST /companies', body: { company_id: 'acme' }, status: 200 },
      { call: 'POST /contacts/search', body: byEmail('ann@example.com'), status: 200 },
      { call: `POST /contacts/${contactId}/companies`, body: { id: company.id }, status: 200 },
    ]);
    expect(company.attached).toEqual([contactId]);
  });

  it('tries external_id before email', async () => {
    const byId = await h.createContact({ role: 'user', external_id: 'u-1' });
    await h.createContact({ role: 'user', email: 'ann@example.com' });
    await h.clearRequests();
    await h.run(identifyCompany, { company_id: 'acme', external_id: 'u-1', email: 'ann@example.com' });
    expect((await h.requests()).map((r) => r.call)).toEqual(['POST /companies', 'POST /contacts/search', `POST /contacts/${byId}/companies`]);
    expect((await attachments()).attached).toEqual([byId]);
  });

  it("attaches an anonymous visitor's lead that ferry knows by anonymousId", async () => {
    await h.run(identifyContact, { role: 'lead', name: 'Visitor' }, { anonymousId: 'anon-1' });
    const [lead] = (await state()).contacts;
    await h.clearRequests();
    expect(await h.run(identifyCompany, { company_id: 'acme' }, { anonymousId: 'anon-1' })).toEqual(ok);
    const company = await attachments();
    expect(await h.requests()).toEqual([
      { call: 'POST /companies', body: { company_id: 'acme' }, status: 200 },
      { call: `POST /contacts/${lead.id}/companies`, body: { id: company.id }, status: 200 },
    ]);
    expect(company.attached).toEqual([lead.id]);
  });
});

describe('R10: no contact to attach', () => {
  it('still upserts the company and delivers with the warning', async () => {
    const run = await h.run(identifyCompany, { company_id: 'acme', name: 'Acme', external_id: 'nobody' }, { userId: 'nobody' });
    expect(run).toEqual({ status: 'ok', warnings: [NOT_ATTACHED] });
    expect(await h.requests()).toEqual([
      { call: 'POST /companies', body: { company_id: 'acme', name: 'Acme' }, status: 200 },
      { call: 'POST /contacts/search', body: byExternalId('nobody'), status: 200 },
    ]);
    const { companies } = await state();
    expect(companies).toEqual([expect.objectContaining({ company_id: 'acme', name: 'Acme', user_count: 0 })]);
  });

  it('warns without any lookup when nothing says who the contact is', async () => {
    expect(await h.run(identifyCompany, { company_id: 'acme' })).toEqual({ status: 'ok', warnings: [NOT_ATTACHED] });
    expect((await h.requests()).map((r) => r.call)).toEqual(['POST /companies']);
    expect((await state()).companies).toHaveLength(1);
  });
});

describe('R16: identity cache', () => {
  it('skips an attach it already made: a repeated group call is one POST /companies', async () => {
    await h.createContact({ role: 'user', external_id: 'u-1' });
    await h.run(identifyCompany, { company_id: 'acme', external_id: 'u-1' });
    await h.clearRequests();
    expect(await h.run(identifyCompany, { company_id: 'acme', name: 'Acme', external_id: 'u-1' })).toEqual(ok);
    expect(await h.requests()).toEqual([{ call: 'POST /companies', body: { company_id: 'acme', name: 'Acme' }, status: 200 }]);
    expect((await attachments()).userCount).toBe(1);
  });

  it('evicts a stale cached contact id on the attach 404, searches once and attaches the contact Intercom has', async () => {
    const stale = await identifiedUser('u-1');
    await h.sim.api('DELETE', `/contacts/${stale}`);
    const current = await h.createContact({ role: 'user', external_id: 'u-1' });
    await h.clearRequests();

    expect(await h.run(identifyCompany, { company_id: 'acme', external_id: 'u-1' })).toEqual(ok);
    const company = await attachments();
    expect(await h.requests()).toEqual([
      { call: 'POST /companies', body: { company_id: 'acme' }, status: 200 },
      { call: `POST /contacts/${stale}/companies`, body: { id: company.id }, status: 404 },
      { call: 'POST /contacts/search', body: byExternalId('u-1'), status: 200 },
      { call: `POST /contacts/${current}/companies`, body: { id: company.id }, status: 200 },
    ]);
    expect(company.attached).toEqual([current]);
    // The search's answer is remembered: the next call is one request again.
    await h.clearRequests();
    await h.run(identifyCompany, { company_id: 'acme', external_id: 'u-1' });
    expect((await h.requests()).map((r) => r.call)).toEqual(['POST /companies']);
  });

  it('warns when the cached contact is gone and Intercom has no other', async () => {
    const stale = await identifiedUser('u-1');
    await h.sim.api('DELETE', `/contacts/${stale}`);
    await h.clearRequests();
    expect(await h.run(identifyCompany, { company_id: 'acme', external_id: 'u-1' })).toEqual({ status: 'ok', warnings: [NOT_ATTACHED] });
    expect((await h.requests()).map(({ call, status }) => [call, status])).toEqual([
      ['POST /companies', 200],
      [`POST /contacts/${stale}/companies`, 404],
      ['POST /contacts/search', 200],
    ]);
  });
});

describe('R7: company custom attributes', () => {
  it('drops an attribute Intercom does not know, warns naming it, and the rest lands', async () => {
    await h.sim.control('POST', '/data-attributes', { model: 'company', name: 'tier', data_type: 'string' });
    const run = await h.run(identifyCompany, { company_id: 'acme', custom_attributes: { tier: 'gold', ghost: 1 } });
    expect(run.status).toBe('ok');
    expect(run.warnings).toEqual([
      "custom attribute 'ghost' does not exist in Intercom, so it was left out (create it in Intercom to keep it)",
      NOT_ATTACHED,
    ]);
    expect(await h.requests()).toEqual([
      { call: 'POST /companies', body: { company_id: 'acme', custom_attributes: { tier: 'gold', ghost: 1 } }, status: 400 },
      { call: 'POST /companies', body: { company_id: 'acme', custom_attributes: { tier: 'gold' } }, status: 200 },
    ]);
    expect((await state()).companies).toEqual([expect.objectContaining({ company_id: 'acme', custom_attributes: { tier: 'gold' } })]);
  });

  it('never sends a nested value, and warns naming it', async () => {
    await h.sim.control('POST', '/data-attributes', { model: 'company', name: 'tier', data_type: 'string' });
    const run = await h.run(identifyCompany, { company_id: 'acme', custom_attributes: { tier: 'gold', hq: { city: 'Oslo' } } });
    expect(run.warnings).toEqual([expect.stringMatching(/custom attributes left out .*: hq$/), NOT_ATTACHED]);
    expect(await h.requests()).toEqual([
      { call: 'POST /companies', body: { company_id: 'acme', custom_attributes: { tier: 'gold' } }, status: 200 },
    ]);
  });
});
