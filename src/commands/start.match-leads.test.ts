// R4 for leads ferry did not create, through `ferry start` against the simulator over HTTP: leads seeded directly in
// Intercom (as its Messenger makes them, with a data event and a company) and the setting matchLeadsByEmail, off and on.
import { afterEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { admin, send, startTestFerry, unfinishedJobs, waitFor } from './test-support/ferry.js';

const sim = useSimulator();
let ferry: Awaited<ReturnType<typeof startTestFerry>> | undefined;
afterEach(async () => {
  await ferry?.stop();
  ferry = undefined;
});

const ON = '      matchLeadsByEmail: true';

/** A lead the Messenger made: created with the workspace's token, with a data event and a company of its own. */
async function seedLead(email: string, n: number): Promise<{ id: string; companyId: string }> {
  const lead = await sim.api('POST', '/contacts', { role: 'lead', email, name: `Visitor ${n}` });
  expect(lead.status).toBe(200);
  const company = await sim.api('POST', '/companies', { company_id: `messenger-co-${n}`, name: `Company ${n}` });
  expect((await sim.api('POST', `/contacts/${lead.body.id}/companies`, { id: company.body.id })).status).toBe(200);
  const event = { event_name: 'opened-messenger', created_at: 1_767_225_600 + n, id: lead.body.id };
  expect((await sim.api('POST', '/events', event)).status).toBe(202);
  return { id: lead.body.id, companyId: company.body.id };
}

async function identify(events: object[]): Promise<void> {
  expect((await send(ferry!.url, '/v1/batch', { batch: events })).status).toBe(200);
  await waitFor(async () => (await unfinishedJobs(ferry!.store)) === 0, 20_000, 'deliveries');
  expect(await ferry!.store.jobStateCounts()).toEqual({ delivered: expect.any(Number) });
}

const searches = async () => (await sim.requests()).filter((r: any) => r.path === '/contacts/search');

/** The one contact the person must be: a user with the lead's id or data, its event and its company. */
async function expectOnePerson(email: string, userId: string, lead: { companyId: string }, n: number) {
  const state = await sim.state();
  const mine = state.contacts.filter((c: any) => c.email === email || c.external_id === userId);
  expect(mine).toEqual([expect.objectContaining({ role: 'user', external_id: userId, email, name: `Visitor ${n}` })]);
  expect(mine[0].companies.data.map((c: any) => c.id)).toEqual([lead.companyId]);
  expect(state.events.filter((e: any) => e.event_name === 'opened-messenger' && e.created_at === 1_767_225_600 + n))
    .toEqual([expect.objectContaining({ contact_id: mine[0].id })]);
  return mine[0];
}

describe('matchLeadsByEmail through ferry start', () => {
  it('off (the default): a user with the email of a lead ferry did not create is a second contact; nothing is searched', async () => {
    ferry = await startTestFerry(sim.url);
    const lead = await seedLead('max@example.com', 1);
    await identify([{ type: 'identify', userId: 'u-max', traits: { email: 'max@example.com' } }]);
    const state = await sim.state();
    expect(state.contacts.map((c: any) => [c.role, c.email, c.id === lead.id])).toEqual([
      ['lead', 'max@example.com', true], ['user', 'max@example.com', false],
    ]);
    expect(await searches()).toEqual([]);
  });

  it('on, no user yet: the lead is converted (one search, one PUT), its event and company stay with it', async () => {
    ferry = await startTestFerry(sim.url, { extraConfig: ON });
    const lead = await seedLead('max@example.com', 1);
    await identify([{ type: 'identify', userId: 'u-max', traits: { email: 'max@example.com' } }]);
    const contact = await expectOnePerson('max@example.com', 'u-max', lead, 1);
    expect(contact.id).toBe(lead.id);
    const fromFerry = (await sim.requests()).filter((r: any) => r.headers['user-agent']?.startsWith('ferry/'));
    expect(fromFerry.map((r: any) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /contacts/search 200', `PUT /contacts/${lead.id} 200`,
    ]);
    // The person is known now: the next identify searches no more.
    await identify([{ type: 'identify', userId: 'u-max', traits: { email: 'max@example.com', name: 'Max' } }]);
    expect(await searches()).toHaveLength(1);
  });

  it('on, a user exists: the lead is merged into it, its event and company moving along', async () => {
    ferry = await startTestFerry(sim.url, { extraConfig: ON });
    await identify([{ type: 'identify', userId: 'u-max' }]);
    const userId = (await sim.state()).contacts[0].id;
    const lead = await seedLead('max@example.com', 1);
    await identify([{ type: 'identify', userId: 'u-max', traits: { email: 'max@example.com' } }]);
    const contact = await expectOnePerson('max@example.com', 'u-max', lead, 1);
    expect(contact.id).toBe(userId);
    const merges = (await sim.requests()).filter((r: any) => r.path === '/contacts/merge');
    expect(merges.map((r: any) => [r.body, r.status])).toEqual([[{ from: lead.id, into: userId }, 200]]);
  });

  it('is a destination setting: shown by /api/destination-types, checked, and live once changed through the admin API', async () => {
    ferry = await startTestFerry(sim.url);
    const types = await admin(ferry.url, 'GET', '/api/destination-types');
    expect(types.body.types[0].settings.properties.matchLeadsByEmail).toMatchObject({ type: 'boolean' });

    const current = (await admin(ferry.url, 'GET', '/api/destinations/intercom')).body.settings;
    const refused = await admin(ferry.url, 'PUT', '/api/destinations/intercom', { settings: { ...current, matchLeadsByEmail: 'yes' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: {
      code: 'FERRY_ERR_CONFIG_INVALID',
      message: 'settings.matchLeadsByEmail: must be true or false, got a string',
      path: 'settings.matchLeadsByEmail',
    } });

    const changed = await admin(ferry.url, 'PUT', '/api/destinations/intercom', { settings: { ...current, matchLeadsByEmail: true } });
    expect(changed.status).toBe(200);
    expect(changed.body.settings.matchLeadsByEmail).toBe(true);
    const lead = await seedLead('max@example.com', 1);
    await identify([{ type: 'identify', userId: 'u-max', traits: { email: 'max@example.com' } }]);
    await expectOnePerson('max@example.com', 'u-max', lead, 1);
  });
});
