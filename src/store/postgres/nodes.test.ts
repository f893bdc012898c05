// Several ferry nodes on one database: each node's leases are its own — a restart takes back its previous run's at
// once, never another node's live ones.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { at, MINUTE, newEvent, sampleConfig, T0, TEST_SECRET_KEY } from '../contract/fixtures.js';
import { openPostgresStore, type PostgresStore } from './index.js';
import { freshDatabase, postgresOrSkip } from './test-support/use-postgres.js';

const server = inject('postgresUrl');

it('has a PostgreSQL server to test on', (context) => {
  postgresOrSkip(context);
});

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
});
