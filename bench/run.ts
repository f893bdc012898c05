// `npm run bench`: the standard workload through ferry (a child process) and the simulator; every figure and target.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { normalizeEvent } from '../src/ingest/normalize-event.js';
import { writeBacklog } from './backlog.js';
import { measureBacklogRequests, PAUSE_EVENTS } from './backlog-requests.js';
import { measureEfficiency, measureUnderLimit, waitForDrain } from './delivery.js';
import { deliverySpeedRows, measureDeliverySpeed } from './delivery-speed.js';
import { measureEngine } from './engine.js';
import { measureStartup } from './startup.js';
import { measureConcurrent, measurePrepare } from './ingest-phases.js';
import { PAUSING_TOKEN, basicAuth, writeBenchConfig } from './ferry-config.js';
import { JobsDb } from './jobs-db.js';
import { measureLatency } from './latency.js';
import { batchBodies, postAll, type LoadResult } from './load.js';
import { readOptions, type BenchOptions } from './options.js';
import { startBareChild, startFerryChild, procStatusBytes, type Child } from './processes.js';
import { summarize } from './summary.js';
import { table } from './report.js';
import { runStoreBench } from './stores.js';
import { startBenchSimulator, UNLIMITED, type BenchSimulator } from './simulator.js';
import { DEFAULT_TOKEN } from '../sim/intercom/state.js';
import { generateWorkload, type WorkloadEvent } from './workload/generate.js';
import { partitionByPerson } from './workload/partition.js';

const LIMIT = { limit: 100, windowSeconds: 1 };

interface Ingest extends LoadResult {
  /** CPU seconds the server process used per event (all its threads), in microseconds. */
  cpuMicrosPerEvent: number | undefined;
}

async function ingestInto(child: Child, events: readonly WorkloadEvent[], options: BenchOptions, headers: Record<string, string>): Promise<Ingest> {
  const streams = partitionByPerson(events, options.connections).map((part) => batchBodies(part, options.batchSize));
  const cpuBefore = child.cpuSeconds();
  const result = await postAll(child.url, '/v1/batch', streams, headers);
  const cpuAfter = child.cpuSeconds();
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : ((cpuAfter - cpuBefore) * 1e6) / result.events;
  return { ...result, cpuMicrosPerEvent: cpu };
}

/** Polls the child's resident memory until `done` settles; returns the highest VmRSS seen (VmHWM is read at stop too). */
function watchRss(child: Child): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, procStatusBytes(child.pid, 'VmRSS') ?? 0);
  }, 250);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const say = (line: string) => (options.json ? process.stderr : process.stdout).write(`${line}\n`);
  if (options.store === 'postgres') {
    const result = await runStoreBench(options, say);
    process.stdout.write(options.json ? `${JSON.stringify(result.json, null, 2)}\n` : `${result.text}\n`);
    return;
  }
  if (options.deliverySpeed) {
    const speed = await measureDeliverySpeed(options, say);
    process.stdout.write(options.json ? `${JSON.stringify(speed, null, 2)}\n` : `${table(deliverySpeedRows(speed))}\n`);
    return;
  }
  const startedAt = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-'));
  const dataDir = join(dir, 'data');
  const children: Child[] = [];
  let sim: BenchSimulator | undefined;
  try {
    say(`ferry bench: ${options.events.toLocaleString('en-US')} events, seed ${options.seed}${options.quick ? ' (quick)' : ''}; ${cpus().length} CPU(s)`);
    const { events, summary: workload } = generateWorkload({ events: options.events, seed: options.seed });
    sim = await startBenchSimulator();

    say('1/6 ingest: ferry (deliveries paused), then the bare fastify route');
    const ferryA = await startFerryChild({ config: writeBenchConfig(dir, sim.url, PAUSING_TOKEN, 'paused.yaml'), dataDir, expectPause: true });
    children.push(ferryA);
    const ingest = await ingestInto(ferryA, events, options, { authorization: basicAuth });
    const ingestPeakRss = await ferryA.stop();
    const db = new JobsDb(dataDir);
    const stored = db.events();
    const bare = await startBareChild();
    children.push(bare);
    const bareLoad = await ingestInto(bare, events, options, {});
    await bare.stop();

    say('2/6 engine: ferry vs actions-core, in this process');
    const receivedAt = new Date();
    const engine = measureEngine(events.slice(0, options.engineEvents).map((e) => normalizeEvent(e, receivedAt)));
    say('    CLI start-up: ferry validate and ferry test-event, each run several times');
    const startup = await measureStartup(dir, sim.url, DEFAULT_TOKEN, options.quick ? 5 : 11);

    say(`3/6 delivery under a limit of ${LIMIT.limit} per ${LIMIT.windowSeconds} s, from the backlog, for ${options.limitSeconds} s`);
    await sim.setRateLimit(LIMIT);
    const since = sim.lastSeq();
    // One job at a time, as in steady state: figure 7 measures the backlog coalesced.
    const ferryB = await startFerryChild({ config: writeBenchConfig(dir, sim.url, DEFAULT_TOKEN, 'deliver.yaml', ['coalesce: false']), dataDir });
    children.push(ferryB);
    const rssB = watchRss(ferryB);
    await sleep(options.limitSeconds * 1000);
    const limitEnd = Date.now();
    await sim.setRateLimit(UNLIMITED);
    const underLimit = measureUnderLimit(sim.requests(since), LIMIT, limitEnd);

    say('4/6 delivery of the rest of the backlog, unlimited');
    const drain = await waitForDrain(db, options.drainTimeoutMs);
    const efficiency = measureEfficiency(sim.requests(since), db, workload.floor, workload.byType);

    say(`5/6 latency: ${options.latencyProbes} single events at ${options.latencyRate}/s`);
    const users = [...new Set(events.filter((e) => e.type === 'identify' && typeof e.userId === 'string').map((e) => e.userId as string))];
    const latency = await measureLatency(ferryB.url, sim, users.slice(0, 500), {
      rate: options.latencyRate, count: options.latencyProbes, seed: options.seed,
    });
    const deliveryPeakRss = Math.max(rssB.stop(), (await ferryB.stop()) ?? 0);
    db.close();

    say(`7 requests per action with a backlog: ${Math.min(PAUSE_EVENTS, events.length).toLocaleString('en-US')} events at a steady pace, then queued behind a pause`);
    const backlogRequests = await measureBacklogRequests(dir, events, options, children);
    say('8 ingest and delivery at the same time, and one client alone (a fresh simulator and data dir)');
    const prepare = measurePrepare(events.slice(0, options.engineEvents), options.batchSize);
    const concurrentEvents = options.quick ? generateWorkload({ events: 20_000, seed: options.seed }).events : events;
    const concurrentSim = await startBenchSimulator();
    const concurrent = await measureConcurrent(dir, concurrentSim, concurrentEvents, options, children, options.quick ? 3 : 5)
      .finally(() => concurrentSim.close());

    let backlog: Awaited<ReturnType<typeof backlogFigure>> | undefined;
    if (options.backlog) {
      say(`6/6 memory with a backlog of ${options.backlogJobs.toLocaleString('en-US')} queued jobs`);
      backlog = await backlogFigure(dir, sim, options, children);
    } else {
      say('6/6 memory: peak RSS of both ferry processes (add --backlog for the 1,000,000-job backlog)');
    }

    // Figure 9 (about 2.5 minutes): not in a quick run; `--delivery-speed` runs it alone. The simulator of figures 3-6
    // goes first: its log of 100,000 requests would make this process's garbage collections slow figure 9's answers.
    await sim.close();
    sim = undefined;
    const deliverySpeed = options.quick ? undefined : await measureDeliverySpeed(options, say);
    const result = summarize({
      options, workload, ingest, bare: bareLoad, stored, engine, startup, underLimit, drain, efficiency, latency, deliverySpeed,
      memory: { ingestPeakRss, deliveryPeakRss, backlog }, backlogRequests, prepare, concurrent,
      seconds: (Date.now() - startedAt) / 1000,
    });
    if (options.json) process.stdout.write(`${JSON.stringify(result.json, null, 2)}\n`);
    else process.stdout.write(`${result.text}\n`);
  } finally {
    for (const child of children) await child.stop().catch(() => undefined);
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh data dir: config applied by a first (paused) ferry, the backlog written by the store, then ferry at work. */
async function backlogFigure(dir: string, sim: BenchSimulator, options: BenchOptions, children: Child[]) {
  const dataDir = join(dir, 'backlog');
  const setup = await startFerryChild({ config: writeBenchConfig(dir, sim.url, PAUSING_TOKEN, 'paused.yaml'), dataDir, expectPause: true });
  children.push(setup);
  await setup.stop();
  const written = await writeBacklog(dataDir, options.backlogJobs, options.seed);
  const started = Date.now();
  const ferry = await startFerryChild({ config: writeBenchConfig(dir, sim.url, DEFAULT_TOKEN, 'deliver.yaml'), dataDir });
  children.push(ferry);
  const startSeconds = (Date.now() - started) / 1000;
  const rss = watchRss(ferry);
  const db = new JobsDb(dataDir);
  const before = db.unfinished();
  await sleep(options.backlogSeconds * 1000);
  const worked = before - db.unfinished();
  db.close();
  const peakRss = Math.max(rss.stop(), (await ferry.stop()) ?? 0);
  return { ...written, startSeconds, peakRss, jobsDoneWhileWatched: worked, watchedSeconds: options.backlogSeconds };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
