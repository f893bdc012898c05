// The pipeline under stress against the simulator: per-person order, an Intercom outage, and a tight rate limit.
import { afterEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { send, startTestFerry, unfinishedJobs, waitFor } from './test-support/ferry.js';

const sim = useSimulator();
let ferry: Awaited<ReturnType<typeof startTestFerry>> | undefined;
afterEach(async () => {
  await ferry?.stop();
  ferry = undefined;
});

const unfinished = () => unfinishedJobs(ferry!.store);

/** identify then track for each user, sent back to back in one batch per user group. */
function identifyThenTrack(users: string[]) {
  return users.flatMap((user) => [
    { type: 'identify', userId: user, traits: { email: `${user}@example.com` } },
    { type: 'track', userId: user, event: 'Signed Up', properties: { plan: 'pro' } },
  ]);
}

describe('delivery', () => {
  it('keeps per-person order: identify before track for many new users at once, no 404', async () => {
    ferry = await startTestFerry(sim.url);
    const users = Array.from({ length: 60 }, (_, i) => `user-${i}`);
    for (let i = 0; i < users.length; i += 20) {
      const res = await send(ferry.url, '/v1/batch', { batch: identifyThenTrack(users.slice(i, i + 20)) });
      expect(res.status).toBe(200);
    }
    await waitFor(async () => (await unfinished()) === 0, 30_000, 'deliveries');
    const requests = await sim.requests();
    expect(requests.filter((r: any) => r.status === 404)).toEqual([]);
    const state = await sim.state();
    expect(state.contacts).toHaveLength(60);
    expect(state.events).toHaveLength(60);
    for (const user of users) {
      const contactCall = requests.findIndex((r: any) => r.path === '/contacts' && r.body.external_id === user);
      const eventCall = requests.findIndex((r: any) => r.path === '/events' && r.body.user_id === user);
      expect(contactCall).toBeGreaterThanOrEqual(0);
      expect(eventCall).toBeGreaterThan(contactCall);
    }
  });

  it('rides out an Intercom outage: 503s for a while, then everything arrives, in per-person order', async () => {
    await sim.control('POST', '/faults', { status: 503, count: 40 });
    ferry = await startTestFerry(sim.url);
    const users = Array.from({ length: 10 }, (_, i) => `outage-${i}`);
    expect((await send(ferry.url, '/v1/batch', { batch: identifyThenTrack(users) })).status).toBe(200);
    await waitFor(async () => (await unfinished()) === 0, 30_000, 'deliveries after the outage');
    const requests = await sim.requests();
    expect(requests.filter((r: any) => r.status === 503)).toHaveLength(40);
    const state = await sim.state();
    expect(state.contacts.map((c: any) => c.external_id).sort()).toEqual([...users].sort());
    expect(state.events).toHaveLength(10);
    expect(requests.filter((r: any) => r.status === 404)).toEqual([]);
    expect(await ferry.store.jobStateCounts()).toEqual({ delivered: 20 });
  });

  it('drains a backlog within a tight rate limit with almost no 429s', async () => {
    await sim.control('POST', '/faults', { rateLimit: { limit: 50, windowSeconds: 1 } });
    ferry = await startTestFerry(sim.url);
    // A backlog of 1,000 jobs: identify users first, while the workers are already pacing.
    const users = Array.from({ length: 500 }, (_, i) => `rl-${i}`);
    for (let i = 0; i < users.length; i += 100) {
      expect((await send(ferry.url, '/v1/batch', { batch: identifyThenTrack(users.slice(i, i + 100)) })).status).toBe(200);
    }
    const started = Date.now();
    await waitFor(async () => (await unfinished()) === 0, 60_000, 'the backlog');
    const seconds = (Date.now() - started) / 1000;
    const requests = await sim.requests();
    const throttled = requests.filter((r: any) => r.status === 429).length;
    expect(throttled / requests.length).toBeLessThanOrEqual(0.01);
    expect(await ferry.store.jobStateCounts()).toEqual({ delivered: 1000 });
    const state = await sim.state();
    expect(state.contacts).toHaveLength(500);
    expect(state.events).toHaveLength(500);
    // 1,000 requests at 50 per second cannot take less than ~19 s: the limit was respected, not evaded.
    expect(seconds).toBeGreaterThan(18);
  }, 90_000);

  it('pauses the destination when Intercom refuses the token; its events wait', async () => {
    ferry = await startTestFerry(sim.url);
    await sim.control('POST', '/faults', { status: 401, count: 1 });
    expect((await send(ferry.url, '/v1/identify', { userId: 'u1', traits: { email: 'u1@example.com' } })).status).toBe(200);
    await waitFor(async () => (await ferry!.store.listDestinations())[0]!.pausedReason !== null, 10_000, 'the pause');
    const [destination] = await ferry.store.listDestinations();
    expect(destination!.pausedReason).toBe('unauthorized: Access Token Invalid');
    expect(await ferry.store.jobStateCounts()).toEqual({ pending: 1 });
    const metrics = await (await fetch(`${ferry.url}/metrics`)).text();
    expect(metrics).toContain('ferry_destination_paused{destination="intercom"} 1');
    expect((await sim.state()).contacts).toEqual([]);
  });
});
