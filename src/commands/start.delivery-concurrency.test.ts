// Jobs in flight follow the latency and the rate limit (Little's law) up to the destination's maxConcurrency, and a
// person's jobs still never overlap (R17).
import { afterEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { DEFAULT_MAX_CONCURRENCY, STARTING_IN_FLIGHT } from '../deliver/concurrency.js';
import { send, startTestFerry, unfinishedJobs, waitFor } from './test-support/ferry.js';

const LATENCY_MS = 100;
// 10,000 requests per second: at 100 ms, far more than the cap could carry.
const sim = useSimulator({ rateLimit: { limit: 100_000, windowSeconds: 10 }, latencyMs: LATENCY_MS });
let ferry: Awaited<ReturnType<typeof startTestFerry>> | undefined;
afterEach(async () => {
  await ferry?.stop();
  ferry = undefined;
});

/** An identify then a track for each of `people` users, in batches of 100 events. */
async function sendTwoEachFor(people: number): Promise<string[]> {
  const users = Array.from({ length: people }, (_, i) => `user-${i}`);
  const events = users.flatMap((user) => [
    { type: 'identify', userId: user, traits: { email: `${user}@example.com` } },
    { type: 'track', userId: user, event: 'Signed Up' },
  ]);
  for (let i = 0; i < events.length; i += 100) {
    expect((await send(ferry!.url, '/v1/batch', { batch: events.slice(i, i + 100) })).status).toBe(200);
  }
  return users;
}

const peakInFlight = async () => (await sim.control('GET', '/concurrency')).body.peak as number;

describe('jobs in flight per destination', () => {
  it('grows above its starting count toward the cap when the latency is high and the limit allows, one job per person at a time', async () => {
    ferry = await startTestFerry(sim.url);
    const users = await sendTwoEachFor(300);
    await waitFor(async () => (await unfinishedJobs(ferry!.store)) === 0, 60_000, 'deliveries');
    const peak = await peakInFlight();
    expect(peak).toBeGreaterThan(STARTING_IN_FLIGHT);
    expect(peak).toBeLessThanOrEqual(DEFAULT_MAX_CONCURRENCY);

    const requests = await sim.requests();
    expect(requests.map((r: any) => r.status).filter((s: number) => s >= 300)).toEqual([]);
    expect((await sim.state()).events).toHaveLength(users.length);
    // R17: a person's track went out only after the answer to their identify. The log records each request when it
    // is answered, at least LATENCY_MS after it arrived, so the two answers are at least that far apart.
    const answeredAt = (path: string, user: string) =>
      Date.parse(requests.find((r: any) => r.path === path && (r.body.external_id ?? r.body.user_id) === user).at);
    for (const user of users) {
      expect(answeredAt('/events', user) - answeredAt('/contacts', user), user).toBeGreaterThanOrEqual(LATENCY_MS - 1);
    }
  });

  it('stays within settings.maxConcurrency', async () => {
    ferry = await startTestFerry(sim.url, { extraConfig: '      maxConcurrency: 6' });
    await sendTwoEachFor(60);
    await waitFor(async () => (await unfinishedJobs(ferry!.store)) === 0, 60_000, 'deliveries');
    expect(await peakInFlight()).toBe(6);
  });
});
