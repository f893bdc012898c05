// Ingest beyond figure 1: one client sending batches one after another, the cost of preparing an event alone, and
// ingest and delivery at the same time (each beside its rate alone).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { prepareBatch } from '../src/ingest/prepare.js';
import { PAUSING_TOKEN, basicAuth, writeBenchConfig } from './ferry-config.js';
import { batchBodies, postAll, type LoadResult } from './load.js';
import type { BenchOptions } from './options.js';
import { startFerryChild, type Child } from './processes.js';
import { fixed, thousands, type Row } from './report.js';
import { DEFAULT_TOKEN } from '../sim/intercom/state.js';
import type { BenchSimulator } from './simulator.js';
import type { WorkloadEvent } from './workload/generate.js';
import { partitionByPerson } from './workload/partition.js';

export interface IngestLoad extends LoadResult {
  /** CPU the server process used per event (all its threads), in microseconds. */
  cpuMicrosPerEvent: number | undefined;
}

/** Posts `streams` (one keep-alive client each) to the child's /v1/batch, with the CPU it spent per event. */
export async function loadInto(child: Child, streams: { body: Buffer; events: number }[][], headers: Record<string, string>): Promise<IngestLoad> {
  const cpuBefore = child.cpuSeconds();
  const result = await postAll(child.url, '/v1/batch', streams, headers);
  const cpuAfter = child.cpuSeconds();
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : ((cpuAfter - cpuBefore) * 1e6) / result.events;
  return { ...result, cpuMicrosPerEvent: cpu };
}

export interface PrepareFigure {
  /** JSON.parse of the request bodies, per event. */
  parseMicrosPerEvent: number;
  /** prepareBatch (validation, batch merging, size checks, normalization) on parsed bodies, per event. */
  prepareMicrosPerEvent: number;
}

/** In this process, best of 5 passes over the bodies: parsing alone, then validation and normalization alone. */
export function measurePrepare(events: readonly WorkloadEvent[], batchSize: number): PrepareFigure {
  const bodies = batchBodies(events, batchSize).map((b) => b.body.toString());
  const receivedAt = new Date();
  let parse = Infinity;
  let prepare = Infinity;
  for (let pass = 0; pass < 5; pass += 1) {
    let started = process.hrtime.bigint();
    const parsed = bodies.map((text) => JSON.parse(text) as unknown);
    parse = Math.min(parse, Number(process.hrtime.bigint() - started) / 1e3);
    started = process.hrtime.bigint();
    let kept = 0;
    for (const body of parsed) kept += prepareBatch(body, receivedAt).events.length;
    prepare = Math.min(prepare, Number(process.hrtime.bigint() - started) / 1e3);
    if (kept !== events.length) throw new Error(`prepareBatch kept ${kept} of ${events.length} events`);
  }
  return { parseMicrosPerEvent: parse / events.length, prepareMicrosPerEvent: prepare / events.length };
}

/** Jobs ferry has finished (delivered, with warnings, or rejected), from the counts it keeps by trigger. */
function finishedJobs(db: Database.Database): number {
  const row = db.prepare<[], { n: number | null }>(
    `SELECT sum(n) AS n FROM job_counts WHERE state IN ('delivered', 'delivered-with-warnings', 'rejected')`,
  ).get();
  return row?.n ?? 0;
}

export interface DuringDelivery {
  ingest: IngestLoad;
  /** Jobs finished per second while that ingest ran. */
  delivery: number;
}

export interface ConcurrentFigure {
  /** One client, each batch after the answer to the previous one, with deliveries paused. */
  sequentialAlone: IngestLoad;
  /** Jobs finished per second with nothing arriving, over `aloneSeconds`. */
  deliveryAlone: number;
  aloneSeconds: number;
  /** 8 clients (--connections), then one client, posting while ferry delivers what the first part queued. */
  parallel: DuringDelivery;
  sequential: DuringDelivery;
  /** Jobs still queued when the ingest ended: above zero, delivery never ran out of work during it. */
  backlogLeft: number;
}

const elapsedSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;

/**
 * A data dir of its own. With deliveries paused: 40% of the events queued by the parallel clients, 10% posted by one
 * client (its rate alone). Then ferry restarted with the right token delivers alone for `aloneSeconds`, and goes on
 * delivering while 25% more arrive from the parallel clients and the last 25% from one client.
 */
export async function measureConcurrent(
  dir: string, sim: BenchSimulator, events: readonly WorkloadEvent[], options: BenchOptions, children: Child[], aloneSeconds: number,
): Promise<ConcurrentFigure> {
  const dataDir = join(dir, 'concurrent');
  const cut = (fraction: number) => Math.floor(events.length * fraction);
  const parallelStreams = (part: readonly WorkloadEvent[]) =>
    partitionByPerson(part, options.connections).map((p) => batchBodies(p, options.batchSize));
  const oneStream = (part: readonly WorkloadEvent[]) => [batchBodies(part, options.batchSize)];
  const auth = { authorization: basicAuth };

  const paused = await startFerryChild({ config: writeBenchConfig(dir, sim.url, PAUSING_TOKEN, 'paused.yaml'), dataDir, expectPause: true });
  children.push(paused);
  await loadInto(paused, parallelStreams(events.slice(0, cut(0.4))), auth);
  const sequentialAlone = await loadInto(paused, oneStream(events.slice(cut(0.4), cut(0.5))), auth);
  await paused.stop();

  const third = parallelStreams(events.slice(cut(0.5), cut(0.75)));
  const fourth = oneStream(events.slice(cut(0.75)));
  const ferry = await startFerryChild({ config: writeBenchConfig(dir, sim.url, DEFAULT_TOKEN, 'deliver.yaml'), dataDir });
  children.push(ferry);
  const db = new Database(join(dataDir, 'ferry.db'), { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const during = async (streams: { body: Buffer; events: number }[][]): Promise<DuringDelivery> => {
    const before = finishedJobs(db);
    const started = process.hrtime.bigint();
    const ingest = await loadInto(ferry, streams, auth);
    return { ingest, delivery: (finishedJobs(db) - before) / elapsedSince(started) };
  };
  try {
    await sleep(1_000); // ferry starting its workers
    const before = finishedJobs(db);
    const started = process.hrtime.bigint();
    await sleep(aloneSeconds * 1000);
    const deliveryAlone = (finishedJobs(db) - before) / elapsedSince(started);
    const parallel = await during(third);
    const sequential = await during(fourth);
    const left = db.prepare<[], { n: number | null }>(`SELECT sum(n) AS n FROM job_counts WHERE state IN ('pending', 'leased')`).get();
    return { sequentialAlone, deliveryAlone, aloneSeconds, parallel, sequential, backlogLeft: left?.n ?? 0 };
  } finally {
    db.close();
    await ferry.stop();
  }
}

export const INGEST_TARGETS = {
  /** One client, batches of 100 one after another (a server-side library flushing its queue). */
  sequentialEventsPerSecond: 5_000,
  /** Delivery while events pour in, as a fraction of its rate alone. */
  deliveryDuringIngest: 0.5,
} as const;

/** The rows of these phases for the summary table, after figure 1's: each figure during delivery beside it alone. */
export function ingestPhaseRows(
  parallelAlone: IngestLoad, prepare: PrepareFigure | undefined, c: ConcurrentFigure | undefined, parallelTarget: number,
): Row[] {
  const rows: Row[] = [];
  if (prepare) {
    rows.push({
      figure: '  JSON.parse / validate + normalize, per event',
      value: `${fixed(prepare.parseMicrosPerEvent, 2)} / ${fixed(prepare.prepareMicrosPerEvent, 2)} us`,
      target: 'in the bench process',
    });
  }
  if (!c) return rows;
  const evs = (load: IngestLoad) => `${thousands(load.eventsPerSecond)} ev/s`;
  const cpu = (load: IngestLoad) => `${fixed(load.cpuMicrosPerEvent ?? NaN)} us CPU/event`;
  const clean = (load: IngestLoad) => load.failures === 0;
  const ratio = c.deliveryAlone > 0 ? Math.min(c.parallel.delivery, c.sequential.delivery) / c.deliveryAlone : NaN;
  rows.push(
    { figure: '  ingest, 8 clients: alone / during delivery', value: `${evs(parallelAlone)} / ${evs(c.parallel.ingest)}`, target: `>= ${thousands(parallelTarget)} ev/s; ${cpu(c.parallel.ingest)} during`, pass: parallelAlone.eventsPerSecond >= parallelTarget && c.parallel.ingest.eventsPerSecond >= parallelTarget && clean(c.parallel.ingest) },
    { figure: '  ingest, 1 client: alone / during delivery', value: `${evs(c.sequentialAlone)} / ${evs(c.sequential.ingest)}`, target: `>= ${thousands(INGEST_TARGETS.sequentialEventsPerSecond)} ev/s; ${cpu(c.sequentialAlone)} alone`, pass: c.sequentialAlone.eventsPerSecond >= INGEST_TARGETS.sequentialEventsPerSecond && c.sequential.ingest.eventsPerSecond >= INGEST_TARGETS.sequentialEventsPerSecond && clean(c.sequentialAlone) && clean(c.sequential.ingest) },
    { figure: '  delivery: alone / during 8-client / 1-client ingest', value: `${thousands(c.deliveryAlone)} / ${thousands(c.parallel.delivery)} / ${thousands(c.sequential.delivery)} jobs/s`, target: `>= ${INGEST_TARGETS.deliveryDuringIngest}x alone (${fixed(ratio, 2)}x); ${thousands(c.backlogLeft)} left queued`, pass: ratio >= INGEST_TARGETS.deliveryDuringIngest && c.backlogLeft > 0 },
  );
  return rows;
}
