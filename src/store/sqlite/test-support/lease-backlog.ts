// Scratch measurement (not a test): leasing with a 1,000,000-job backlog, and synchronous FULL vs NORMAL on inserts.
// Run: npx tsx src/store/sqlite/test-support/lease-backlog.ts [jobs=1000000] [persons=10000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { newEvent, sampleConfig, T0, TEST_SECRET_KEY } from '../../contract/fixtures.js';
import type { NewEvent } from '../../types.js';
import { openSqliteStore } from '../sqlite-store.js';

const jobs = Number(process.argv[2] ?? 1_000_000);
const persons = Number(process.argv[3] ?? 10_000);
const dir = await mkdtemp(path.join(tmpdir(), 'ferry-bench-'));

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const event = (i: number): NewEvent => newEvent(i, `person-${i % persons}`, { at: new Date(T0.getTime() + i) });

async function measureSynchronous(mode: 'FULL' | 'NORMAL', batches: number, batchSize: number) {
  const store = await openSqliteStore({ file: path.join(dir, `sync-${mode}.db`), synchronous: mode, secretKey: TEST_SECRET_KEY });
  await store.applyConfig(sampleConfig());
  const start = process.hrtime.bigint();
  for (let b = 0; b < batches; b += 1) {
    await store.insertEvents(Array.from({ length: batchSize }, (_, i) => event(b * batchSize + i)));
  }
  const elapsed = ms(start);
  await store.close();
  return { mode, batchSize, batches, totalMs: Math.round(elapsed), perBatchMs: +(elapsed / batches).toFixed(3) };
}

for (const batchSize of [1, 20, 100]) {
  const full = await measureSynchronous('FULL', 300, batchSize);
  const normal = await measureSynchronous('NORMAL', 300, batchSize);
  console.log(JSON.stringify({ full, normal, ratio: +(full.totalMs / normal.totalMs).toFixed(2) }));
}

const store = await openSqliteStore({ file: path.join(dir, 'backlog.db'), synchronous: 'NORMAL', secretKey: TEST_SECRET_KEY });
await store.applyConfig(sampleConfig());
let start = process.hrtime.bigint();
for (let i = 0; i < jobs; i += 10_000) {
  await store.insertEvents(Array.from({ length: Math.min(10_000, jobs - i) }, (_, k) => event(i + k)));
}
console.log(`inserted ${jobs} events/jobs for ${persons} persons in ${Math.round(ms(start))} ms`);
console.log('counts', JSON.stringify(await store.jobStateCounts('d1')));

const now = new Date(T0.getTime() + jobs + 1);
const leaseTimes: number[] = [];
const finishTimes: number[] = [];
for (let round = 0; round < 200; round += 1) {
  start = process.hrtime.bigint();
  const leased = await store.leaseJobs('d1', 16, 60_000, now);
  leaseTimes.push(ms(start));
  if (leased.length !== 16) throw new Error(`leased ${leased.length}`);
  start = process.hrtime.bigint();
  for (const job of leased) {
    const attempt = { startedAt: now, durationMs: 5, status: 'delivered' as const, warnings: [], requests: [] };
    await store.finishJob(job.id, { kind: 'finished', status: 'delivered', attempt }, now);
  }
  finishTimes.push(ms(start) / leased.length);
}
const worst = Math.max(...leaseTimes).toFixed(3);
console.log(`leaseJobs(16), ${jobs} pending: median ${median(leaseTimes).toFixed(3)} ms, max ${worst} ms (200 rounds)`);
console.log(`finishJob: median ${median(finishTimes).toFixed(3)} ms per job`);
for (const [name, run] of [
  ['nextDueAt', () => store.nextDueAt('d1')],
  ['jobStateCounts(d1)', () => store.jobStateCounts('d1')],
  ['jobStateCounts()', () => store.jobStateCounts()],
] as const) {
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    start = process.hrtime.bigint();
    await run();
    times.push(ms(start));
  }
  console.log(`${name}: median ${median(times).toFixed(3)} ms`);
}
await store.close();
await rm(dir, { recursive: true, force: true });
