// Property: whatever mix of inserts, leases, finishes, time and purges, the queue's bookkeeping stays exact (R17).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { at, finished, newEvent, release, retry, sampleConfig, TEST_SECRET_KEY } from '../contract/fixtures.js';
import type { JobResult, LeasedJob } from '../types.js';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';

type Op =
  | { op: 'insert'; person: number; destinations: ('d1' | 'd2')[]; filtered: boolean }
  | { op: 'lease'; destination: 'd1' | 'd2'; limit: number; leaseMs: number }
  | { op: 'finish'; pick: number; result: 'delivered' | 'rejected' | 'retry' | 'release'; delayMs: number }
  | { op: 'tick'; ms: number }
  | { op: 'purge' };

const ops = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.record({
      op: fc.constant('insert' as const),
      person: fc.integer({ min: 0, max: 3 }),
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
  { minLength: 10, maxLength: 80, size: 'max' },
);

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

function resultOf(kind: Op & { op: 'finish' }, now: number): JobResult {
  if (kind.result === 'retry') return retry(at(now + kind.delayMs));
  if (kind.result === 'release') return release(at(now + kind.delayMs));
  return finished(kind.result, at(now));
}

describe('SQLite job queue bookkeeping', () => {
  it('keeps heads, counters and per-person order exact under any sequence of operations', async () => {
    await fc.assert(
      fc.asyncProperty(ops, async (sequence) => {
        const store = await openSqliteStore({ file: ':memory:', secretKey: TEST_SECRET_KEY });
        try {
          await store.applyConfig(sampleConfig());
          let now = 0;
          let n = 0;
          const leased: LeasedJob[] = [];
          for (const step of sequence) {
            if (step.op === 'insert') {
              n += 1;
              const jobs = step.destinations.map((d) => ({ destinationId: d, mappingName: step.filtered ? null : 'm' }));
              await store.insertEvents([newEvent(n, `p${step.person}`, { at: at(now), jobs })]);
            } else if (step.op === 'lease') {
              const allowed = heads(store, step.destination);
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
            checkBookkeeping(store);
          }
          // Liveness: far in the future every person's head is leasable, one per person.
          for (const destination of ['d1', 'd2']) {
            const expected = [...heads(store, destination)].sort((a, b) => a - b);
            const got = await store.leaseJobs(destination, 1_000, 1, at(now + 1_000_000));
            expect(got.map((j) => j.id)).toEqual(expected);
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 300 },
    );
  });
});
