// Two `ferry start` processes on a PostgreSQL server that is shut down in mid-load and started again: while it is down
// the tracking API answers 503 (nothing stored) and /readyz says the store is unavailable; once it is back, delivery
// resumes by itself and every event that was acknowledged reaches Intercom once, exactly as sent.
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, expect, it } from 'vitest';
import { useSimulator } from '../../sim/intercom/test-support/harness.js';
import { findPostgresBin, startThrowawayCluster } from '../store/postgres/test-support/throwaway-cluster.js';
import { freshDatabase, postgresOrSkip } from '../store/postgres/test-support/use-postgres.js';
import { startFerryProcess, stopFerryProcesses } from './test-support/ferry-process.js';
import { send, tempDir, waitFor, writeConfig } from './test-support/ferry.js';

const sim = useSimulator({ rateLimit: { limit: 1_000_000, windowSeconds: 10 } });
afterEach(stopFerryProcesses);

const USERS = 40;
const BATCH = 10;
const T0 = Date.UTC(2026, 0, 1);

const track = (n: number) => ({
  type: 'track', messageId: `t-${n}`, userId: `user-${n % USERS}`, event: 'Restart Test',
  timestamp: new Date(T0 + n * 60_000).toISOString(), properties: { n, note: `event ${n}` },
});
/** What Intercom must receive for track `n`, and nothing else. */
const expectedBody = (n: number) => ({
  event_name: 'Restart Test', created_at: (T0 + n * 60_000) / 1000, user_id: `user-${n % USERS}`, metadata: { n, note: `event ${n}` },
});

it('a PostgreSQL restart in mid-load: 503 while down, then every acknowledged event delivered once, as sent', async (context) => {
  postgresOrSkip(context);
  if (!findPostgresBin()) context.skip('no PostgreSQL binaries to start a server of this test\'s own');
  const cluster = await startThrowawayCluster();
  context.onTestFinished(() => cluster.stop());
  const databaseUrl = await freshDatabase(cluster.url);
  const dir = tempDir('ferry-pg-restart-');
  const config = writeConfig(dir, sim.url, '', { maxAgeSeconds: 3_600 });
  const nodes = [
    await startFerryProcess({ config, dataDir: join(dir, 'node-a'), databaseUrl }),
    await startFerryProcess({ config, dataDir: join(dir, 'node-b'), databaseUrl }),
  ];
  for (let u = 0; u < USERS; u++) {
    const identify = { userId: `user-${u}`, traits: { email: `user-${u}@example.com` } };
    expect((await send(nodes[u % 2]!.url, '/v1/identify', identify)).status).toBe(200);
  }

  // The load: batches of tracks, alternating between the nodes, one at a time, until told to stop.
  const acked = new Set<number>();
  const refusedWhileDown: number[][] = [];
  const refused: number[][] = [];
  let phase = 'up' as 'up' | 'down' | 'back'; // set by the test as it goes (not narrowed)
  let next = 0;
  let sending = true;
  const load = (async () => {
    for (let b = 0; sending; b++) {
      const numbers = Array.from({ length: BATCH }, () => next++);
      const seenPhase = phase;
      const answer = await send(nodes[b % 2]!.url, '/v1/batch', { batch: numbers.map(track) });
      if (answer.status === 200) numbers.forEach((n) => acked.add(n));
      else {
        expect(answer.status).toBe(503);
        expect(answer.body).toMatchObject({ error: { code: 'FERRY_ERR_STORE_UNAVAILABLE' } });
        refused.push(numbers);
        if (seenPhase === 'down' && phase === 'down') refusedWhileDown.push(numbers);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  const delivered = async () => (await sim.requests()).filter((r: any) => r.path === '/events' && r.status === 202);
  await waitFor(async () => (await delivered()).length >= 100, 20_000, 'deliveries under way', 100);

  await cluster.halt();
  phase = 'down';
  for (const node of nodes) {
    const ready = await fetch(`${node.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'store unavailable', reason: expect.stringContaining('PostgreSQL') });
  }
  await waitFor(async () => refusedWhileDown.length >= 10, 20_000, 'events refused while the database is down');
  phase = 'back';
  await cluster.resume();
  for (const node of nodes) {
    await waitFor(async () => (await fetch(`${node.url}/readyz`)).status === 200, 15_000, 'ready again');
  }
  const ackedBeforeBack = acked.size;
  await waitFor(async () => acked.size >= ackedBeforeBack + 100, 15_000, 'events acknowledged after the restart');
  sending = false;
  await load;

  // Nothing refused while the server was down was stored; the client's retry of every refused batch is.
  const db = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  db.on('error', () => undefined); // an idle connection ended by the server's shutdown at the end
  context.onTestFinished(() => db.end());
  const stored = async (numbers: number[]) =>
    Number((await db.query('SELECT count(*) AS n FROM events WHERE message_id = ANY($1)', [numbers.map((n) => `t-${n}`)])).rows[0].n);
  expect(await stored(refusedWhileDown.flat())).toBe(0);
  for (const [i, numbers] of refused.entries()) {
    const answer = await send(nodes[i % 2]!.url, '/v1/batch', { batch: numbers.map(track) });
    expect(answer.status).toBe(200);
    numbers.forEach((n) => acked.add(n));
  }
  expect(acked.size).toBe(next);

  // Delivery resumed by itself: every job finished well within a lease (120 s), each event sent once, as sent.
  const unfinished = async () => Number((await db.query("SELECT count(*) AS n FROM jobs WHERE state IN ('pending', 'leased')")).rows[0].n);
  await waitFor(async () => (await unfinished()) === 0, 20_000, 'every delivery finished', 200);
  const states = await db.query('SELECT state, count(*)::int AS n FROM jobs GROUP BY state');
  expect(states.rows).toEqual([{ state: 'delivered', n: USERS + next }]);
  const bodies = (await delivered()).map((r: any) => r.body).sort((a: any, b: any) => a.metadata.n - b.metadata.n);
  expect(bodies).toEqual([...acked].sort((a, b) => a - b).map(expectedBody));
  expect((await sim.requests()).filter((r: any) => r.status >= 400)).toEqual([]);
}, 120_000);
