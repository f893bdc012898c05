// Coalescing a backlog against the simulator: the requests sent, and what the delivery log says of each job.
import { afterEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { admin, send, startTestFerry, unfinishedJobs, waitFor } from '../commands/test-support/ferry.js';
import { BACKLOG_MAPPINGS, deliverAsBacklog } from './test-support/backlog.js';

const sim = useSimulator();
let ferry: Awaited<ReturnType<typeof startTestFerry>> | undefined;
afterEach(async () => {
  await ferry?.stop();
  ferry = undefined;
});

const at = (second: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + second * 1000).toISOString();
const seconds = (second: number) => Date.parse(at(second)) / 1000;
const identify = (n: number, traits: object) => ({ type: 'identify', messageId: `m${n}`, userId: 'u1', timestamp: at(n), traits });
const sent = async () => (await sim.requests()).filter((r: any) => r.path !== '/data_attributes').map((r: any) => ({ method: r.method, path: r.path.replace(/[0-9a-f]{24}/, ':id'), body: r.body }));

/** Each job's state and warnings, by its event's messageId. */
async function logOf(url: string): Promise<Record<string, { id: number; state: string; warnings: string[] }>> {
  const page = (await admin(url, 'GET', '/api/destinations/intercom/deliveries?limit=100')).body;
  return Object.fromEntries(page.items.map((d: any) => [d.messageId, { id: d.id, state: d.state, warnings: d.warnings }]));
}

describe('coalescing a backlog', () => {
  it("merges a person's queued identifies into one write, keeps a track's place, rejects an invalid one alone", async () => {
    ferry = await startTestFerry(sim.url, { extraConfig: BACKLOG_MAPPINGS });
    await sim.api('POST', '/data_attributes', { name: 'plan', model: 'contact', data_type: 'string' });
    await deliverAsBacklog(ferry, [
      identify(1, { email: 'ada@example.com', name: 'Ada', plan: 'free' }),
      identify(2, { email: 'ada@example.com', name: 'Ada L.' }),
      // R1's validation refuses this one (not an email): rejected on its own, the others still merged.
      identify(3, { email: 'not an email' }),
      identify(4, { email: 'ada@example.com', plan: 'pro' }),
      { type: 'track', messageId: 'm5', userId: 'u1', timestamp: at(5), event: 'Paid' },
      identify(6, { email: 'ada@example.com', name: 'Ada Lovelace' }),
      identify(7, { email: 'ada@example.com', plan: 'team' }),
    ]);
    expect(await sent()).toEqual([
      {
        method: 'POST', path: '/contacts',
        body: { role: 'user', external_id: 'u1', email: 'ada@example.com', name: 'Ada L.', last_seen_at: seconds(4), custom_attributes: { plan: 'pro' } },
      },
      { method: 'POST', path: '/events', body: { event_name: 'Paid', created_at: seconds(5), user_id: 'u1' } },
      {
        method: 'PUT', path: '/contacts/:id',
        body: { role: 'user', external_id: 'u1', email: 'ada@example.com', name: 'Ada Lovelace', last_seen_at: seconds(7), custom_attributes: { plan: 'team' } },
      },
    ]);
    const log = await logOf(ferry.url);
    const together = (m: string) => ({ id: log[m]!.id, state: 'delivered', warnings: [`delivered together with delivery ${log[m]!.id}`] });
    expect(log.m1).toEqual({ id: log.m1!.id, state: 'delivered', warnings: [] });
    expect(log.m2).toEqual({ ...together('m1'), id: log.m2!.id });
    expect(log.m3).toMatchObject({ state: 'rejected' });
    expect(log.m4).toEqual({ ...together('m1'), id: log.m4!.id });
    expect(log.m5).toMatchObject({ state: 'delivered' });
    expect(log.m7).toEqual({ ...together('m6'), id: log.m7!.id });
    const [contact] = (await sim.state()).contacts;
    expect(contact).toMatchObject({ name: 'Ada Lovelace', custom_attributes: { plan: 'team' }, last_seen_at: seconds(7) });
  });

  it('does not merge identifies that change the identity (a new email): they go one by one', async () => {
    ferry = await startTestFerry(sim.url);
    await deliverAsBacklog(ferry, [
      identify(1, { email: 'ada@example.com' }),
      identify(2, { email: 'ada@example.com', name: 'Ada' }),
      identify(3, { email: 'ada.l@example.com' }),
      identify(4, { name: 'Ada L.' }),
    ]);
    expect((await sent()).map((r) => `${r.method} ${r.path} ${r.body.email} ${r.body.name}`)).toEqual([
      'POST /contacts ada@example.com Ada', 'PUT /contacts/:id ada.l@example.com undefined', 'PUT /contacts/:id undefined Ada L.',
    ]);
    const log = await logOf(ferry.url);
    expect([log.m2!.warnings, log.m3!.warnings, log.m4!.warnings]).toEqual([[`delivered together with delivery ${log.m1!.id}`], [], []]);
  });

  it('with coalesce: false, delivers every queued identify by itself', async () => {
    ferry = await startTestFerry(sim.url, { extraConfig: '      coalesce: false' });
    await deliverAsBacklog(ferry, [identify(1, { name: 'Ada' }), identify(2, { name: 'Ada L.' }), identify(3, { name: 'Ada Lovelace' })]);
    expect((await sent()).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /contacts', 'PUT /contacts/:id', 'PUT /contacts/:id']);
  });

  it('skips a company upsert identical to the last one sent, still attaching; a failure makes the next one go', async () => {
    ferry = await startTestFerry(sim.url);
    const group = (n: number, userId: string) => ({ type: 'group', messageId: `g${n}`, userId, groupId: 'acme', traits: { name: 'Acme', plan: 'pro' } });
    const people = ['u1', 'u2', 'u3'].map((userId, n) => ({ type: 'identify', messageId: `i${n}`, userId, traits: { email: `${userId}@example.com` } }));
    for (const event of [...people, group(1, 'u1')]) {
      await send(ferry.url, '/v1/batch', { batch: [event] });
      await waitFor(async () => (await unfinishedJobs(ferry!.store)) === 0, 10_000, 'the delivery');
    }
    await send(ferry.url, '/v1/batch', { batch: [group(2, 'u2')] });
    await waitFor(async () => (await unfinishedJobs(ferry!.store)) === 0, 10_000, 'the second group');
    // The attach of the third person fails once: the company may have changed, so its retry upserts it again.
    await sim.faults({ status: 500, method: 'POST', path: '/contacts/', count: 1 });
    await send(ferry.url, '/v1/batch', { batch: [group(3, 'u3')] });
    await waitFor(async () => (await unfinishedJobs(ferry!.store)) === 0, 10_000, 'the third group');
    const companyCalls = (await sent()).filter((r) => r.path === '/companies' || r.path.endsWith('/companies'));
    expect(companyCalls.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /companies', 'POST /contacts/:id/companies',
      'POST /contacts/:id/companies',
      'POST /contacts/:id/companies', 'POST /companies', 'POST /contacts/:id/companies',
    ]);
    const company = (await sim.state()).companies[0];
    expect(company).toMatchObject({ company_id: 'acme', name: 'Acme', user_count: 3 });
  });
});
