// Two ferry nodes on one PostgreSQL database: new jobs on one wake the other's idle workers at once (LISTEN/NOTIFY),
// and an admin change on one applies on the other at once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { freshDatabase, postgresOrSkip } from '../store/postgres/test-support/use-postgres.js';
import { admin, send, startTestFerry, unfinishedJobs, waitFor, type TestFerryOptions } from './test-support/ferry.js';

const sim = useSimulator();
// Every node of one database has the same secret key (each reads the secrets the others store).
const previousKey = process.env.FERRY_SECRET_KEY;
beforeAll(() => {
  process.env.FERRY_SECRET_KEY = '07'.repeat(32);
});
afterAll(() => {
  if (previousKey === undefined) delete process.env.FERRY_SECRET_KEY;
  else process.env.FERRY_SECRET_KEY = previousKey;
});
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function node(databaseUrl: string, options: TestFerryOptions = {}) {
  const ferry = await startTestFerry(sim.url, { databaseUrl, ...options });
  stops.push(ferry.stop);
  return ferry;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Longer than any test here: a worker that is not woken does not look for jobs during the test. */
const NEVER_POLL = { idlePollMs: 600_000 };

describe('several ferry nodes on one PostgreSQL database', () => {
  it('an event sent to node A is delivered by idle node B at once, not at its next poll', async (context) => {
    postgresOrSkip(context);
    const databaseUrl = await freshDatabase();
    // A stores events but delivers nothing (no delivery slots); B delivers and, idle, polls only every 10 minutes.
    const a = await node(databaseUrl, { worker: { ...NEVER_POLL, concurrency: 0 } });
    const b = await node(databaseUrl, { worker: NEVER_POLL });
    await pause(200); // B's workers have looked once and sleep
    expect((await send(a.url, '/v1/identify', { userId: 'u-woken', traits: { email: 'woken@example.com' } })).status).toBe(200);
    await waitFor(async () => (await sim.state()).contacts.length === 1, 5_000, 'node B delivering node A\'s event');
    expect((await sim.state()).contacts.map((c: any) => [c.external_id, c.email])).toEqual([['u-woken', 'woken@example.com']]);
    await waitFor(async () => (await unfinishedJobs(b.store)) === 0, 5_000, 'the delivery recorded');

    // And a replay through A's admin API wakes B the same way.
    const [delivery] = (await admin(a.url, 'GET', '/api/destinations/intercom/deliveries?person=u-woken')).body.items;
    const before = (await sim.requests()).length;
    expect((await admin(a.url, 'POST', `/api/deliveries/${delivery.id}/replay`)).status).toBe(202);
    await waitFor(async () => (await sim.requests()).length > before, 5_000, 'the replay delivered by B');
    await waitFor(async () => (await unfinishedJobs(b.store)) === 0, 5_000, 'the replay recorded');
  });

  it('a mapping disabled through node A\'s admin API stops node B\'s deliveries at once', async (context) => {
    postgresOrSkip(context);
    const databaseUrl = await freshDatabase();
    const a = await node(databaseUrl);
    const b = await node(databaseUrl);
    expect((await send(b.url, '/v1/identify', { userId: 'u-1', traits: { email: 'u1@example.com' } })).status).toBe(200);
    expect((await send(b.url, '/v1/track', { userId: 'u-1', event: 'Before' })).status).toBe(200);
    await waitFor(async () => (await sim.state()).events.length === 1, 5_000, 'the first track');

    expect((await admin(a.url, 'POST', '/api/destinations/intercom/mappings/Track%20Event/disable')).status).toBe(200);
    await pause(300);
    expect((await send(b.url, '/v1/track', { userId: 'u-1', event: 'After' })).status).toBe(200);
    expect((await send(b.url, '/v1/identify', { userId: 'u-1', traits: { email: 'u1@example.com', name: 'Una' } })).status).toBe(200);
    await waitFor(async () => (await sim.state()).contacts.some((c: any) => c.name === 'Una'), 5_000, 'the identify after it');
    await waitFor(async () => (await unfinishedJobs(b.store)) === 0, 5_000, 'nothing left to deliver');
    expect((await sim.state()).events.map((e: any) => e.event_name)).toEqual(['Before']);
  });
});
