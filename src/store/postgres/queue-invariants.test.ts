// Property: whatever mix of inserts, leases, finishes, time and purges, the PostgreSQL queue keeps its heads exact (R17).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sampleConfig, TEST_SECRET_KEY } from '../contract/fixtures.js';
import { queueOps, runQueueSequence } from '../contract/queue-property.js';
import { openPostgresStore, type PostgresStore } from './index.js';
import { freshDatabase, postgresOrSkip } from './test-support/use-postgres.js';

const server = inject('postgresUrl');

it('has a PostgreSQL server to test on', (context) => {
  postgresOrSkip(context);
});

/** The head flag sits exactly on each person's oldest unfinished job. */
async function wrongHeads(store: PostgresStore): Promise<unknown[]> {
  const { rows } = await store.pool.query(
    `SELECT id FROM jobs j WHERE head <> (state IN ('pending', 'leased') AND NOT EXISTS (
       SELECT 1 FROM jobs o WHERE o.destination_id = j.destination_id AND o.person_key = j.person_key
         AND o.state IN ('pending', 'leased') AND o.id < j.id))`,
  );
  return rows;
}

/** The jobs a lease may return: each person's oldest unfinished job, nothing behind it. */
async function heads(store: PostgresStore, destination: string): Promise<Set<number>> {
  const { rows } = await store.pool.query<{ id: number }>(
    `SELECT min(id) AS id FROM jobs WHERE destination_id = $1 AND state IN ('pending', 'leased') GROUP BY person_key`,
    [destination],
  );
  return new Set(rows.map((row) => row.id));
}

describe.skipIf(server === '')('PostgreSQL job queue bookkeeping', () => {
  let store: PostgresStore;
  beforeAll(async () => {
    store = await openPostgresStore({ url: await freshDatabase(server), secretKey: TEST_SECRET_KEY, poolSize: 2 });
    await store.applyConfig(sampleConfig());
  });
  afterAll(async () => {
    await store?.close();
  });

  it('keeps heads and per-person order exact under any sequence of operations', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(queueOps(60), async (sequence) => {
        // One database for every run: each starts from empty queue tables (ids go on counting, as they would).
        await store.pool.query('TRUNCATE attempts, jobs, events, message_ids, delivery_stats');
        run += 1;
        await runQueueSequence(store, sequence, {
          heads: (destination) => heads(store, destination),
          check: async () => expect(await wrongHeads(store)).toEqual([]),
          messageIdPrefix: `r${run}`,
        });
      }),
      { numRuns: 40 },
    );
  });
});
