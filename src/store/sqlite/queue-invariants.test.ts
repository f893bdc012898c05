// Property: whatever mix of inserts, leases, finishes, time and purges, the queue's bookkeeping stays exact (R17).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleConfig, TEST_SECRET_KEY } from '../contract/fixtures.js';
import { queueOps, runQueueSequence } from '../contract/queue-property.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';

/** The head flag, the per-state counters and the unfinished jobs all agree with the jobs table itself. */
function checkBookkeeping(store: SqliteStore) {
  const wrongHeads = store.db
    .prepare(
      `SELECT id FROM jobs j WHERE head <> (state IN ('pending', 'leased') AND NOT EXISTS (
         SELECT 1 FROM jobs o WHERE o.destination_id = j.destination_id AND o.person_key = j.person_key
           AND o.state IN ('pending', 'leased') AND o.id < j.id))`,
    )
    .all();
  expect(wrongHeads).toEqual([]);
  const counted = store.db
    .prepare('SELECT destination_id, state, count(*) AS n FROM jobs GROUP BY 1, 2 ORDER BY 1, 2')
    .all();
  const kept = store.db.prepare('SELECT destination_id, state, n FROM job_counts WHERE n <> 0 ORDER BY 1, 2').all();
  expect(kept).toEqual(counted);
}

/** The jobs a lease may return: each person's oldest unfinished job, nothing behind it. */
function heads(store: SqliteStore, destination: string): Set<number> {
  const rows = store.db
    .prepare(
      `SELECT min(id) AS id FROM jobs WHERE destination_id = ? AND state IN ('pending', 'leased') GROUP BY person_key`,
    )
    .pluck()
    .all(destination) as number[];
  return new Set(rows);
}

describe('SQLite job queue bookkeeping', () => {
  it('keeps heads, counters and per-person order exact under any sequence of operations', async () => {
    await fc.assert(
      fc.asyncProperty(queueOps(80), async (sequence) => {
        const store = await openSqliteStore({ file: ':memory:', secretKey: TEST_SECRET_KEY });
        try {
          await store.applyConfig(sampleConfig());
          await runQueueSequence(store, sequence, {
            heads: async (destination) => heads(store, destination),
            check: async () => checkBookkeeping(store),
          });
        } finally {
          await store.close();
        }
      }),
      { numRuns: 300 },
    );
  });
});
