// Several processes on one database: two stores (two pools) insert and lease at once; no person ever has two jobs in
// flight, every job is delivered once, each person's jobs run in the order they were queued (R17).
import { afterEach, describe, expect, inject, it } from 'vitest';
import { sampleConfig, TEST_SECRET_KEY } from '../contract/fixtures.js';
import type { JobResult, NewEvent } from '../types.js';
import { openPostgresStore, type PostgresStore } from './index.js';
import { freshDatabase, postgresOrSkip } from './test-support/use-postgres.js';

const server = inject('postgresUrl');

it('has a PostgreSQL server to test on', (context) => {
  postgresOrSkip(context);
});
const PEOPLE = 12;
const EVENTS_PER_PERSON = 15;
const BOTH = [
  { destinationId: 'd1', mappingName: 'identify' },
  { destinationId: 'd2', mappingName: 'Identify Contact' },
];

const event = (n: number, person: string): NewEvent => ({
  sourceId: 'web',
  messageId: `m-${n}`,
  personKey: person,
  type: 'identify',
  event: { type: 'identify', userId: person, n },
  receivedAt: new Date(),
  jobs: BOTH,
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(server === '')('the job queue shared by several processes', () => {
  const opened: PostgresStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });

  it('two stores leasing at once never run two jobs of one person, lose none, and keep each person in order', async () => {
    const url = await freshDatabase(server);
    const [a, b] = await Promise.all([1, 2].map(() => openPostgresStore({ url, secretKey: TEST_SECRET_KEY, poolSize: 4 })));
    opened.push(a!, b!);
    await a!.applyConfig(sampleConfig());

    // Both "nodes" ingest batches of the same people at the same time, while the workers already lease.
    const batches: NewEvent[][] = [];
    for (let round = 0; round < EVENTS_PER_PERSON; round += 1) {
      batches.push(Array.from({ length: PEOPLE }, (_, p) => event(round * PEOPLE + p, `p${(p + round) % PEOPLE}`)));
    }
    const ingest = Promise.all(batches.map((batch, i) => (i % 2 === 0 ? a! : b!).insertEvents(batch)));
    const total = PEOPLE * EVENTS_PER_PERSON * BOTH.length;

    const inFlight = new Set<string>();
    const overlaps: string[] = [];
    const ran = new Map<string, number[]>();
    const attempted = new Set<number>();
    let delivered = 0;
    const worker = async (store: PostgresStore, destinationId: string) => {
      const deadline = Date.now() + 15_000;
      while (delivered < total && Date.now() < deadline) {
        const jobs = await store.leaseJobs(destinationId, 4, 60_000, new Date());
        if (jobs.length === 0) await pause(2);
        await Promise.all(jobs.map(async (job) => {
          const key = `${job.destinationId}/${job.personKey}`;
          if (inFlight.has(key)) overlaps.push(`${key} job ${job.id}`);
          inFlight.add(key);
          await pause(Math.random() * 3);
          // Every fifth job fails once first: a retry must hold the person's later jobs back on every node.
          const retryFirst = job.id % 5 === 0 && !attempted.has(job.id);
          attempted.add(job.id);
          inFlight.delete(key);
          const now = new Date();
          const result: JobResult = retryFirst
            ? { kind: 'retry', nextAttemptAt: now, giveUpAt: null, attempt: { startedAt: now, durationMs: 1, status: 'retrying', warnings: [], requests: [] } }
            : { kind: 'finished', status: 'delivered', attempt: { startedAt: now, durationMs: 1, status: 'delivered', warnings: [], requests: [] } };
          if (!retryFirst) ran.set(key, [...(ran.get(key) ?? []), job.id]);
          await store.finishJob(job.id, result, now);
          if (!retryFirst) delivered += 1;
        }));
      }
    };
    await Promise.all([
      ingest,
      worker(a!, 'd1'), worker(b!, 'd1'), worker(a!, 'd1'), worker(b!, 'd2'), worker(a!, 'd2'), worker(b!, 'd2'),
    ]);

    expect(overlaps).toEqual([]);
    expect(delivered).toBe(total);
    expect(await a!.jobStateCounts()).toEqual({ delivered: total });
    const ids = [...ran.values()].flat();
    expect(new Set(ids).size).toBe(total);
    for (const [key, jobIds] of ran) expect(jobIds, key).toEqual([...jobIds].sort((x, y) => x - y));
    // No head is left over, and no person ever had two (the unique index would have refused the insert).
    expect((await a!.pool.query('SELECT count(*)::int AS n FROM jobs WHERE head')).rows).toEqual([{ n: 0 }]);
  });

  it('two stores leasing the same heads at once each get different jobs, together all of them', async () => {
    const url = await freshDatabase(server);
    const [a, b] = await Promise.all([1, 2].map(() => openPostgresStore({ url, secretKey: TEST_SECRET_KEY, poolSize: 4 })));
    opened.push(a!, b!);
    await a!.applyConfig(sampleConfig());
    const now = new Date();
    await a!.insertEvents(Array.from({ length: 200 }, (_, n) => ({ ...event(n, `p${n % 100}`), jobs: [BOTH[0]!], receivedAt: now })));
    const leases = await Promise.all([a, b, a, b, a, b].map((store) => store!.leaseJobs('d1', 30, 60_000, now)));
    const ids = leases.flat().map((job) => job.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(100);
    expect(new Set(leases.flat().map((job) => job.personKey)).size).toBe(100);
    expect(leases.flat().every((job) => (job.event.n as number) < 100)).toBe(true);
  });
});
