// Several ferry nodes on one database: each node's leases are its own — a restart takes back its previous run's at
// once, never another node's live ones; jobs sharing a userId or anonymousId never run at once on two nodes (R17).
import { afterEach, describe, expect, inject, it } from 'vitest';
import { at, finished, MINUTE, newEvent, sampleConfig, T0, TEST_SECRET_KEY } from '../contract/fixtures.js';
import type { NewEvent } from '../types.js';
import { openPostgresStore, type PostgresStore } from './index.js';
import { freshDatabase, postgresOrSkip } from './test-support/use-postgres.js';

const server = inject('postgresUrl');

it('has a PostgreSQL server to test on', (context) => {
  postgresOrSkip(context);
});

/** A call under `personKey` carrying the given Segment ids (a lead's anonymous call, or the identify converting it). */
function call(n: number, personKey: string, ids: { userId?: string; anonymousId?: string }, receivedAt = new Date()): NewEvent {
  return {
    sourceId: 'web', messageId: `m-${n}`, personKey, type: 'identify', receivedAt,
    event: { type: 'identify', ...ids, n }, jobs: [{ destinationId: 'd1', mappingName: 'identify' }],
  };
}

describe.skipIf(server === '')('nodes sharing one database', () => {
  const opened: PostgresStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  const open = async (url: string, nodeId: string) => {
    const store = await openPostgresStore({ url, secretKey: TEST_SECRET_KEY, poolSize: 3, nodeId });
    opened.push(store);
    return store;
  };

  it('records the node on its leases; a restart takes back its own at once, another node\'s only once expired', async () => {
    const url = await freshDatabase(server);
    const a = await open(url, 'node-a');
    const b = await open(url, 'node-b');
    await a.applyConfig(sampleConfig());
    await a.insertEvents([newEvent(1, 'ann'), newEvent(2, 'bob'), newEvent(3, 'cy')]);
    expect((await a.leaseJobs('d1', 2, 10 * MINUTE, T0)).map((j) => j.personKey)).toEqual(['ann', 'bob']);
    expect((await b.leaseJobs('d1', 5, 10 * MINUTE, T0)).map((j) => j.personKey)).toEqual(['cy']);
    const holders = async () =>
      (await b.pool.query('SELECT person_key, lease_node FROM jobs ORDER BY id')).rows.map((r) => [r.person_key, r.lease_node]);
    expect(await holders()).toEqual([['ann', 'node-a'], ['bob', 'node-a'], ['cy', 'node-b']]);

    // node-a "crashes" and starts again with its id: its two jobs come back now, node-b's live lease stays.
    await a.close();
    const restarted = await open(url, 'node-a');
    expect(await restarted.recoverLeases(at(MINUTE))).toBe(2);
    expect(await holders()).toEqual([['ann', null], ['bob', null], ['cy', 'node-b']]);
    expect(await restarted.jobStateCounts('d1')).toEqual({ pending: 2, leased: 1 });

    // A new node takes back nothing live; once node-b's lease has run out, it is taken back by anyone.
    const c = await open(url, 'node-c');
    expect(await c.recoverLeases(at(MINUTE))).toBe(0);
    expect(await c.recoverLeases(at(11 * MINUTE))).toBe(1);
    expect(await holders()).toEqual([['ann', null], ['bob', null], ['cy', null]]);
  });

  it('never leases on one node a job sharing a userId or anonymousId with a job leased on another (R17)', async () => {
    const url = await freshDatabase(server);
    const a = await open(url, 'node-a');
    const b = await open(url, 'node-b');
    await a.applyConfig(sampleConfig());
    const now = new Date();
    // The lead's last anonymous call, the identify converting it (queued under its userId), and someone else.
    await a.insertEvents([
      call(1, 'anon-1', { anonymousId: 'anon-1' }, now),
      call(2, 'user-1', { userId: 'user-1', anonymousId: 'anon-1' }, now),
      call(3, 'user-2', { userId: 'user-2' }, now),
    ]);
    expect((await a.leaseJobs('d1', 1, MINUTE, now)).map((j) => j.event.n)).toEqual([1]);
    // node-b may not run the identify while node-a runs the anonymous call; it takes the other person only.
    expect((await b.leaseJobs('d1', 10, MINUTE, now)).map((j) => j.event.n)).toEqual([3]);
    expect(await b.leaseJobs('d1', 10, MINUTE, now)).toEqual([]);
    // Nothing is due for node-b meanwhile (it would poll in a busy loop): the next time is a lease running out.
    expect((await b.nextDueAt('d1'))!.getTime()).toBeGreaterThan(now.getTime() + MINUTE - 1_000);
    const [anonymous] = (await a.pool.query("SELECT id FROM jobs WHERE person_key = 'anon-1'")).rows;
    await a.finishJob(anonymous.id, finished('delivered', now), now);
    expect((await b.nextDueAt('d1'))!.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await b.leaseJobs('d1', 10, MINUTE, new Date())).map((j) => j.event.n)).toEqual([2]);
  });

  it('keeps a lead\'s two jobs on one node when two nodes lease at the same moment', async () => {
    const url = await freshDatabase(server);
    const a = await open(url, 'node-a');
    const b = await open(url, 'node-b');
    await a.applyConfig(sampleConfig());
    const split: number[] = [];
    for (let round = 0; round < 25; round += 1) {
      const now = new Date();
      await a.insertEvents([
        call(2 * round, `anon-${round}`, { anonymousId: `anon-${round}` }, now),
        call(2 * round + 1, `user-${round}`, { userId: `user-${round}`, anonymousId: `anon-${round}` }, now),
      ]);
      const [onA, onB] = await Promise.all([a.leaseJobs('d1', 1, MINUTE, now), b.leaseJobs('d1', 1, MINUTE, now)]);
      if (onA!.length > 0 && onB!.length > 0) split.push(round);
      for (const job of [...onA!, ...onB!]) await a.finishJob(job.id, finished('delivered', now), now);
      for (const job of await a.leaseJobs('d1', 10, MINUTE, new Date())) await a.finishJob(job.id, finished('delivered', now), now);
    }
    expect(split).toEqual([]);
  });
});
