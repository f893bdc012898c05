// The worker against the simulator: jobs of one visitor under its two ids (anonymousId, userId) never run at once; an
// outcome the store could not record at once is recorded when it answers again, not left leased.
import { afterEach, describe, expect, it } from 'vitest';
import { FerryError } from '../errors.js';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { send, startTestFerry, unfinishedJobs, waitFor } from '../commands/test-support/ferry.js';

const sim = useSimulator();
let ferry: Awaited<ReturnType<typeof startTestFerry>> | undefined;
afterEach(async () => {
  await ferry?.stop();
  ferry = undefined;
});

const unfinished = () => unfinishedJobs(ferry!.store);

describe('DeliveryWorker', () => {
  it('never runs two jobs sharing an id at once: a sign-up and an anonymous identify of the same visitor', async () => {
    ferry = await startTestFerry(sim.url);
    const leads = Array.from({ length: 12 }, (_, i) => `visitor-${i}`);
    const lead = (id: string) => ({ type: 'identify', anonymousId: id, traits: { email: `${id}@example.com` } });
    expect((await send(ferry.url, '/v1/batch', { batch: leads.map(lead) })).status).toBe(200);
    await waitFor(async () => (await unfinished()) === 0, 20_000, 'the leads');
    // Slow answers widen the window in which the two identifies of a visitor would overlap.
    await sim.control('POST', '/faults', { latencyMs: 30 });
    const since = (await sim.requests()).length;
    // Under two person keys (userId, anonymousId), so both are heads and leased in the same batch: the sign-up from one
    // tab, an anonymous identify from another that does not know it yet. Run at once, the second would read the lead
    // from the identity cache before the conversion remembered the user, and PUT role lead onto the new user.
    const batch = leads.flatMap((id, i) => [{ type: 'identify', userId: `user-${i}`, anonymousId: id, traits: { email: `${id}@example.com` } }, lead(id)]);
    expect((await send(ferry.url, '/v1/batch', { batch })).status).toBe(200);
    await waitFor(async () => (await unfinished()) === 0, 20_000, 'the conversions');
    expect(await ferry.store.jobStateCounts()).toEqual({ delivered: 36 });
    const requests = (await sim.requests()).slice(since);
    expect(requests.filter((r: any) => r.status >= 400)).toEqual([]);
    expect(requests.filter((r: any) => r.method === 'PUT' && r.body.role === 'lead')).toEqual([]);
    const state = await sim.state();
    expect(state.contacts.filter((c: any) => c.role === 'user')).toHaveLength(12);
  });

  it('records an outcome once the store answers again (PostgreSQL briefly down), not when the lease runs out', async () => {
    ferry = await startTestFerry(sim.url);
    const store = ferry.store;
    const finishJob = store.finishJob.bind(store);
    const finishJobs = store.finishJobs.bind(store);
    // Both ways an outcome is recorded (a turn's batch, and one by one when a batch fails) refuse while it is away.
    let refusals = 3;
    const away = () => Promise.reject(new FerryError('FERRY_ERR_STORE_UNAVAILABLE', 'the PostgreSQL database cannot be reached', {}, 503));
    store.finishJob = (...args) => (refusals-- > 0 ? away() : finishJob(...args));
    store.finishJobs = (...args) => (refusals-- > 0 ? away() : finishJobs(...args));
    expect((await send(ferry.url, '/v1/identify', { userId: 'u-away', traits: { email: 'away@example.com' } })).status).toBe(200);
    // 250 + 500 + 1000 ms of asking again; the lease (120 s) would hold the job far longer.
    await waitFor(async () => (await unfinished()) === 0, 5_000, 'the delivery recorded');
    expect(refusals).toBe(-1);
    expect(await store.jobStateCounts()).toEqual({ delivered: 1 });
    expect((await sim.requests()).map((r: any) => [r.method, r.path])).toEqual([['POST', '/contacts']]);
  });
});
