// Property: whatever mix of inserts, leases, finishes, time and purges, the PostgreSQL queue keeps its heads exact (R17).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { at, finished, newEvent, release, retry, sampleConfig, TEST_SECRET_KEY } from '../contract/fixtures.js';
import type { JobResult, LeasedJob } from '../types.js';
import { openPostgresStore, type PostgresStore } from './index.js';
import { freshDatabase, postgresOrSkip } from './test-support/use-postgres.js';

const server = inject('postgresUrl');

it('has a PostgreSQL server to test on', (context) => {
  postgresOrSkip(context);
});

type Op =
  | { op: 'insert'; people: number[]; destinations: ('d1' | 'd2')[]; filtered: boolean }
  | { op: 'lease'; destination: 'd1' | 'd2'; limit: number; leaseMs: number }
  | { op: 'finish'; pick: number; result: 'delivered' | 'rejected' | 'retry' | 'release'; delayMs: number }
  | { op: 'tick'; ms: number }
  | { op: 'purge' };

const ops = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.record({
      op: fc.constant('insert' as const),
      // A batch of one to three events: heads are decided within a batch too.
      people: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
      destinations: fc.subarray(['d1', 'd2'] as ('d1' | 'd2')[], { minLength: 1 }),
      filtered: fc.boolean(),
    }) },
    { weight: 2, arbitrary: fc.record({
      op: fc.constant('lease' as const),
      destination: fc.constantFrom('d1' as const, 'd2' as const),
      limit: fc.integer({ min: 1, max: 3 }),
      leaseMs: fc.integer({ min: 1, max: 50 }),
    }) },
    { weight: 3, arbitrary: fc.record({
      op: fc.constant('finish' as const),
      pick: fc.nat(),
      result: fc.constantFrom('delivered' as const, 'rejected' as const, 'retry' as const, 'release' as const),
      delayMs: fc.integer({ min: 0, max: 40 }),
    }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 30 }) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('purge' as const) }) },
  ),
  { minLength: 10, maxLength: 60, size: 'max' },
);

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

function resultOf(kind: Op & { op: 'finish' }, now: number): JobResult {
  if (kind.result === 'retry') return retry(at(now + kind.delayMs));
  if (kind.result === 'release') return release(at(now + kind.delayMs));
  return finished(kind.result, at(now));
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
      fc.asyncProperty(ops, async (sequence) => {
        // One database for every run: each starts from empty queue tables (ids go on counting, as they would).
        await store.pool.query('TRUNCATE attempts, jobs, events, message_ids, delivery_stats');
        run += 1;
        let now = 0;
        let n = 0;
        const leased: LeasedJob[] = [];
        for (const step of sequence) {
          if (step.op === 'insert') {
            const jobs = step.destinations.map((d) => ({ destinationId: d, mappingName: step.filtered ? null : 'm' }));
            await store.insertEvents(step.people.map((person) => newEvent((n += 1), `p${person}`, { at: at(now), jobs, messageId: `r${run}-${n}` })));
          } else if (step.op === 'lease') {
            const allowed = await heads(store, step.destination);
            const got = await store.leaseJobs(step.destination, step.limit, step.leaseMs, at(now));
            expect(got.length).toBeLessThanOrEqual(step.limit);
            for (const job of got) expect(allowed.has(job.id)).toBe(true);
            expect(new Set(got.map((j) => j.personKey)).size).toBe(got.length);
            leased.push(...got);
          } else if (step.op === 'finish' && leased.length > 0) {
            const [job] = leased.splice(step.pick % leased.length, 1);
            await store.finishJob(job!.id, resultOf(step, now), at(now));
          } else if (step.op === 'tick') {
            now += step.ms;
          } else if (step.op === 'purge') {
            await store.purge(at(now), { deliveredMs: 20, failedMs: 40 });
          }
          expect(await wrongHeads(store)).toEqual([]);
        }
        // Liveness: far in the future every person's head is leasable, one per person.
        for (const destination of ['d1', 'd2']) {
          const expected = [...(await heads(store, destination))].sort((a, b) => a - b);
          const got = await store.leaseJobs(destination, 1_000, 1, at(now + 1_000_000));
          expect(got.map((j) => j.id)).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
  });
});
