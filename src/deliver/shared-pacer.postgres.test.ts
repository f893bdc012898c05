// R20 across nodes: two processes' pacers on one PostgreSQL database, sending as fast as they are let to one workspace
// of the simulator limited to 20 requests per second, together stay under the limit and still use most of it.
import { afterEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import type { DestinationApi, DestinationResponse, HttpMethod } from '../destinations/kit/exchange.js';
import { openPostgresStore, type PostgresStore } from '../store/postgres/index.js';
import { freshDatabase, postgresOrSkip } from '../store/postgres/test-support/use-postgres.js';
import { PacedClient } from './paced-client.js';
import { RatePacer, type Pacer } from './pacer.js';
import { SharedRatePacer } from './shared-pacer.js';

const LIMIT = 20;
const sim = useSimulator({ rateLimit: { limit: LIMIT, windowSeconds: 1 } });
const stores: PostgresStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

/** The simulator over fetch, answering as a destination client does (lower-cased headers). */
const simulatorApi = (): DestinationApi => ({
  async request(method: HttpMethod, path: string): Promise<DestinationResponse> {
    const response = await fetch(sim.url + path, { method, headers: { authorization: 'Bearer sim_token', accept: 'application/json' } });
    await response.arrayBuffer();
    return { status: response.status, headers: Object.fromEntries(response.headers), body: undefined, exchange: {} as never };
  },
});

/** Each node sends GET /me from `concurrency` loops until `ms` have passed; the statuses of every answer. */
async function sendFrom(pacers: readonly Pacer[], concurrency: number, ms: number): Promise<number[]> {
  const statuses: number[] = [];
  const until = Date.now() + ms;
  const loop = async (client: PacedClient) => {
    while (Date.now() < until) {
      statuses.push((await client.request('GET', '/me')).status);
    }
  };
  await Promise.all(pacers.flatMap((pacer) => Array.from({ length: concurrency }, () => loop(new PacedClient(simulatorApi(), pacer)))));
  return statuses;
}

describe('two nodes sharing a workspace rate limit', () => {
  it('stay under the limit together through the shared budget, and use most of it', async (context) => {
    postgresOrSkip(context);
    const url = await freshDatabase();
    for (let i = 0; i < 2; i++) stores.push(await openPostgresStore({ url, poolSize: 4 }));
    const pacers = stores.map((store) => new SharedRatePacer(store.sharedRateBudget(), 'intercom|sim'));
    const seconds = 5;
    const started = Date.now();
    const statuses = await sendFrom(pacers, 4, seconds * 1000);
    const windows = Math.floor(Date.now() / 1000) - Math.floor(started / 1000) + 1;
    const sent = statuses.filter((s) => s === 200).length;
    const refused = statuses.filter((s) => s === 429).length;
    expect(refused).toBeLessThanOrEqual(Math.floor(statuses.length * 0.001));
    expect(sent).toBeGreaterThanOrEqual(0.7 * LIMIT * seconds);
    expect(sent).toBeLessThanOrEqual(LIMIT * windows);
    // Asking the database costs about one round trip per request at this small limit (slots are taken two at a time).
    const roundTrips = pacers.map((p) => p.roundTrips.takes + p.roundTrips.observations).reduce((a, b) => a + b, 0);
    expect(roundTrips).toBeLessThan(statuses.length * 2);
    context.annotate?.(`sent ${sent} in ${windows} windows (limit ${LIMIT}/s), 429: ${refused}, database round trips: ${roundTrips}`);
  });

  it('draw 429s when each paces itself alone (what the shared budget prevents)', async () => {
    const statuses = await sendFrom([new RatePacer(), new RatePacer()], 4, 2_500);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(statuses.length * 0.05);
  });
});
