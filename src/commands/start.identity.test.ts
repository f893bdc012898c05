// R4 through `ferry start` against the simulator over HTTP: a signed-up user, the same person's anonymous lead (with
// a data event and a company), and the identify that ties them, in every order and with every single repeat — each
// sequence leaves exactly one contact for the person, carrying the lead's event and company.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../sim/intercom/test-support/harness.js';
import { startSimulator } from '../../sim/intercom/server.js';
import { admin, send, startTestFerry, unfinishedJobs, waitFor } from './test-support/ferry.js';

type Step = 'user' | 'lead' | 'tie';

/** Every order of the three calls, then every order with one of them sent twice (6 + 36 sequences). */
function sequences(): Step[][] {
  const orders = (steps: Step[]): Step[][] => (steps.length <= 1 ? [steps] : [...new Set(steps)].flatMap(
    (first) => orders(steps.filter((_, i) => i !== steps.indexOf(first))).map((rest) => [first, ...rest]),
  ));
  const once: Step[] = ['user', 'lead', 'tie'];
  return [orders(once), ...once.map((repeated) => orders([...once, repeated]))].flat();
}

const SEQUENCES = sequences();
const person = (n: number) => ({
  userId: `u-max-${n}`, anonymousId: `anon-2-${n}`, email: `max-${n}@example.com`, companyId: `co-${n}`,
});
const VIEWED_AT = '2026-03-01T10:00:00.000Z';

/** The Segment calls of one step for person n; a lead also views a page (a data event) and joins a company. */
function callsOf(step: Step, n: number): object[] {
  const p = person(n);
  switch (step) {
    case 'user':
      return [{ type: 'identify', userId: p.userId }];
    case 'lead':
      return [
        { type: 'identify', anonymousId: p.anonymousId, traits: { email: p.email } },
        { type: 'track', anonymousId: p.anonymousId, event: 'Viewed Pricing', timestamp: VIEWED_AT },
        { type: 'group', anonymousId: p.anonymousId, groupId: p.companyId, traits: { name: `Company ${n}` } },
      ];
    case 'tie':
      return [{ type: 'identify', userId: p.userId, anonymousId: p.anonymousId, traits: { email: p.email } }];
  }
}

let sim: Awaited<ReturnType<typeof startSimulator>>;
let ferry: Awaited<ReturnType<typeof startTestFerry>>;
let state: any;
let requests: any[];

beforeAll(async () => {
  sim = await startSimulator();
  ferry = await startTestFerry(sim.url);
  // Round by round: step i of every sequence at once (different people), then wait until all of it is delivered.
  const rounds = Math.max(...SEQUENCES.map((s) => s.length));
  for (let round = 0; round < rounds; round++) {
    const batch = SEQUENCES.flatMap((steps, n) => (round < steps.length ? callsOf(steps[round]!, n) : []));
    expect((await send(ferry.url, '/v1/batch', { batch })).status).toBe(200);
    await waitFor(async () => (await unfinishedJobs(ferry.store)) === 0, 60_000, `round ${round}`);
  }
  state = (await call(sim.url, 'GET', '/_sim/state')).body.workspaces[0];
  requests = (await call(sim.url, 'GET', '/_sim/requests')).body.requests;
}, 120_000);

afterAll(async () => {
  await ferry?.stop();
  await sim?.close();
});

describe('R4 through ferry start: one contact per person, whatever order its identifies arrive in', () => {
  it('runs every order of the three calls and every single repeat, and every delivery succeeds', async () => {
    expect(SEQUENCES).toHaveLength(42);
    expect(new Set(SEQUENCES.map((s) => s.join(' '))).size).toBe(42);
    const warned = await admin(ferry.url, 'GET', '/api/destinations/intercom/deliveries?state=delivered-with-warnings');
    expect(warned.body.items).toEqual([]);
    expect(await ferry.store.jobStateCounts()).toEqual({ delivered: expect.any(Number) });
    expect(requests.filter((r) => r.status >= 400)).toEqual([]);
  });

  it.each(SEQUENCES.map((steps, n) => [steps.join(' -> '), n] as const))('%s', (_name, n) => {
    const p = person(n);
    const mine = state.contacts.filter((c: any) => c.external_id === p.userId || c.email === p.email);
    expect(mine).toEqual([expect.objectContaining({ role: 'user', external_id: p.userId, email: p.email, archived: false })]);
    const contact = mine[0];
    // The lead's data followed it: its data event (once) and its company.
    const events = state.events.filter((e: any) => e.event_name === 'Viewed Pricing' && e.contact_id === contact.id);
    expect(events).toEqual([expect.objectContaining({ created_at: Date.parse(VIEWED_AT) / 1000 })]);
    expect(state.events.filter((e: any) => e.event_name === 'Viewed Pricing' && !state.contacts.some((c: any) => c.id === e.contact_id))).toEqual([]);
    const company = state.companies.find((c: any) => c.company_id === p.companyId);
    expect(contact.companies.data.map((c: any) => c.id)).toEqual([company.id]);
    expect(company.user_count).toBe(1);
  });
});
