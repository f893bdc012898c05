// Delivery speed: actions/s and ferry's CPU µs per action against an unlimited simulator (1 and 10 workspaces), and
// the share of Intercom's limit one destination uses when every answer takes 150 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildSimulator } from '../sim/intercom/index.js';
import type { SimulatorState } from '../sim/intercom/state.js';
import type { LimitFigure } from './delivery.js';
import { JobsDb } from './jobs-db.js';
import { batchBodies, postAll } from './load.js';
import type { BenchOptions } from './options.js';
import type { Child } from './processes.js';
import { fixed, megabytes, percent, thousands, type Row } from './report.js';
import { UNLIMITED } from './simulator.js';
import { basicAuthOf, startNodes, workspaceToken, writeWorkspacesConfig } from './store-nodes.js';
import { generateWorkload, type WorkloadEvent } from './workload/generate.js';
import { partitionByPerson } from './workload/partition.js';

/** Intercom's default limit for an app (10,000 per minute) as its 10-second windows carry it, and a typical distance. */
export const AT_DISTANCE = { limit: 1_667, windowSeconds: 10, latencyMs: 150 };
export const SPEED_TARGETS = { actionsPerSecondTenWorkspaces: 2_000, fractionOfLimit: 0.95, tooManyFraction: 0.001 } as const;

export interface SpeedRun {
  destinations: number;
  actions: number;
  seconds: number;
  actionsPerSecond: number;
  /** CPU time of the ferry process (user + system) from its start to the end of the drain, per delivered action. */
  cpuMicrosPerAction: number;
  /** CPU of this process (the simulator, mostly) per Intercom request: what the machine's other core spends on them. */
  simulatorCpuMicrosPerRequest: number;
  requests: number;
  tooManyRequests: number;
  /** The ferry process's peak resident memory (VmHWM). */
  peakRss: number | undefined;
}

/** Figure 4's numbers, at Intercom's window and a latency. */
export interface DistanceRun extends LimitFigure {
  latencyMs: number;
  peakInFlight: number | undefined;
}

export interface DeliverySpeedFigures {
  unlimited: SpeedRun[];
  distance: DistanceRun;
}

interface Setup {
  dir: string;
  sim: ReturnType<typeof buildSimulator>;
  url: string;
  children: Child[];
}

async function setUp(workspaces: number, rateLimit: { limit: number; windowSeconds: number }): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-speed-'));
  const specs = Array.from({ length: workspaces }, (_, i) => ({ name: `Bench ${i}`, token: workspaceToken(i), idCode: `bench${i}` }));
  const sim = buildSimulator({ rateLimit, workspaces: specs, requestLogCapacity: 2_000_000 });
  const url = await sim.app.listen({ port: 0, host: '127.0.0.1' });
  return { dir, sim, url, children: [] };
}

async function tearDown(setup: Setup): Promise<void> {
  for (const child of setup.children) await child.stop().catch(() => undefined);
  await setup.sim.app.close();
  rmSync(setup.dir, { recursive: true, force: true });
}

/** A backlog: the events ingested by a ferry whose tokens the simulator refuses (it pauses, the jobs queue). */
async function ingestBacklog(setup: Setup, workspaces: number, events: readonly WorkloadEvent[], options: BenchOptions): Promise<void> {
  const store = { label: 'SQLite', databaseUrl: undefined };
  const [paused] = await startNodes(store, setup.dir, writeWorkspacesConfig(setup.dir, setup.url, workspaces, true), 1, true);
  setup.children.push(paused!);
  const clients = Math.max(options.connections, workspaces);
  const streams = partitionByPerson(events, clients).map((part) => batchBodies(part, options.batchSize));
  const results = await Promise.all(streams.map((stream, c) => postAll(paused!.url, '/v1/batch', [stream], { authorization: basicAuthOf(c % workspaces) })));
  const failures = results.reduce((sum, r) => sum + r.failures, 0);
  if (failures > 0) throw new Error(`ingest of the delivery-speed backlog failed ${failures} times: ${results.find((r) => r.firstFailure)?.firstFailure}`);
  await paused!.stop();
}

async function startDelivering(setup: Setup, workspaces: number, cpuProfDir: string | undefined): Promise<Child> {
  const store = { label: 'SQLite', databaseUrl: undefined };
  const config = writeWorkspacesConfig(setup.dir, setup.url, workspaces, false);
  const [child] = await startNodes(store, setup.dir, config, 1, false, cpuProfDir);
  setup.children.push(child!);
  return child!;
}

const delivered = (byState: Record<string, number>) =>
  (byState.delivered ?? 0) + (byState['delivered-with-warnings'] ?? 0) + (byState.rejected ?? 0);

function requestsSince(state: SimulatorState, since: number) {
  return state.requests.list({ since }).filter((r) => r.status !== 401);
}

/** The whole backlog delivered by one ferry to `workspaces` workspaces of an unlimited simulator. */
async function unlimitedRun(workspaces: number, events: readonly WorkloadEvent[], options: BenchOptions, cpuProfDir?: string): Promise<SpeedRun> {
  const setup = await setUp(workspaces, UNLIMITED);
  try {
    await ingestBacklog(setup, workspaces, events, options);
    const db = new JobsDb(join(setup.dir, 'node0'));
    const since = setup.sim.state.requests.list().at(-1)?.seq ?? 0;
    const ferry = await startDelivering(setup, workspaces, cpuProfDir);
    // From the moment ferry runs: its start (migrations, config) is not delivery work.
    const started = Date.now();
    const cpuBefore = ferry.cpuSeconds() ?? NaN;
    const benchCpuBefore = process.cpuUsage();
    const before = delivered(db.counts().byState);
    const deadline = started + options.drainTimeoutMs;
    while (db.unfinished() > 0 && Date.now() < deadline) await sleep(50);
    const seconds = (Date.now() - started) / 1000;
    const cpu = (ferry.cpuSeconds() ?? NaN) - cpuBefore;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const actions = delivered(db.counts().byState) - before;
    db.close();
    const peakRss = await ferry.stop();
    const log = requestsSince(setup.sim.state, since);
    const logged = setup.sim.state.requests.list({ since }).length;
    return {
      destinations: workspaces, actions, seconds, actionsPerSecond: actions / seconds, cpuMicrosPerAction: (cpu * 1e6) / actions,
      simulatorCpuMicrosPerRequest: (benchCpu.user + benchCpu.system) / Math.max(1, logged),
      requests: log.length, tooManyRequests: log.filter((r) => r.status === 429).length, peakRss,
    };
  } finally {
    await tearDown(setup);
  }
}

/** One destination, 150 ms per answer, 1,667 per 10 s: answered requests per second over 3 windows after the first. */
async function distanceRun(events: readonly WorkloadEvent[], options: BenchOptions, measuredWindows: number): Promise<DistanceRun> {
  const { limit, windowSeconds, latencyMs } = AT_DISTANCE;
  const setup = await setUp(1, { limit, windowSeconds });
  try {
    await ingestBacklog(setup, 1, events, options);
    setup.sim.state.faults.latencyMs = latencyMs;
    const since = setup.sim.state.requests.list().at(-1)?.seq ?? 0;
    const windowMs = windowSeconds * 1000;
    await startDelivering(setup, 1, undefined);
    const from = (Math.floor(Date.now() / windowMs) + 1) * windowMs;
    const to = from + measuredWindows * windowMs;
    // The log records each request when answered: wait for the last answers of the last window too.
    await sleep(to - Date.now() + latencyMs * 4);
    const log = requestsSince(setup.sim.state, since);
    let answered = 0;
    for (const entry of log) {
      const at = Date.parse(entry.at) - latencyMs; // counted by the limiter when it arrived, one latency earlier
      if (at >= from && at < to && entry.status !== 429) answered += 1;
    }
    const tooMany = log.filter((r) => r.status === 429).length;
    const deliveredPerSecond = answered / (measuredWindows * windowSeconds);
    const peak = setup.sim.state.concurrency.peak;
    return {
      latencyMs, limit, windowSeconds, windows: measuredWindows, deliveredPerSecond,
      fractionOfLimit: deliveredPerSecond / (limit / windowSeconds), requests: log.length, tooManyRequests: tooMany,
      tooManyFraction: log.length > 0 ? tooMany / log.length : 0, peakInFlight: peak,
    };
  } finally {
    await tearDown(setup);
  }
}

export async function measureDeliverySpeed(options: BenchOptions, say: (line: string) => void): Promise<DeliverySpeedFigures> {
  const count = options.quick ? 10_000 : 30_000;
  const { events } = generateWorkload({ events: count, seed: options.seed });
  // At distance first: the simulators of the other phases leave this process garbage whose collections would delay
  // the simulator's answers, and this phase measures what ferry does with their timing.
  say(`delivery at distance: ${AT_DISTANCE.latencyMs} ms per answer, ${thousands(AT_DISTANCE.limit)} per ${AT_DISTANCE.windowSeconds} s, 3 windows after the first`);
  const distance = await distanceRun(generateWorkload({ events: 12_000, seed: options.seed }).events, options, 3);
  say(`delivery speed: ${thousands(count)} events to 1 workspace of an unlimited simulator`);
  const one = await unlimitedRun(1, events, options, options.cpuProfDir);
  say(`delivery speed: ${thousands(count)} events to 10 workspaces`);
  const ten = await unlimitedRun(10, events, options);
  return { unlimited: [one, ten], distance };
}

export function deliverySpeedRows(f: DeliverySpeedFigures): Row[] {
  const rows: Row[] = f.unlimited.map((r) => ({
    figure: `  ${r.destinations} destination${r.destinations > 1 ? 's' : ''}, unlimited simulator`,
    value: `${thousands(r.actionsPerSecond)} actions/s`,
    target: `ferry ${fixed(r.cpuMicrosPerAction)} us CPU per action (${thousands(1e6 / r.cpuMicrosPerAction)}/s per core), `
      + `simulator ${fixed(r.simulatorCpuMicrosPerRequest)} us per request; `
      + `${thousands(r.actions)} in ${fixed(r.seconds)} s; 429s ${r.tooManyRequests}; peak RSS ${megabytes(r.peakRss)}`
      + (r.destinations >= 10 ? `; >= ${thousands(SPEED_TARGETS.actionsPerSecondTenWorkspaces)}/s` : ''),
    ...(r.destinations >= 10 ? { pass: r.actionsPerSecond >= SPEED_TARGETS.actionsPerSecondTenWorkspaces } : {}),
  }));
  const d = f.distance;
  rows.unshift({ figure: '9 delivery speed', value: '', target: '' });
  rows.push(
    {
      figure: `  at ${d.latencyMs} ms, ${thousands(d.limit)}/${d.windowSeconds}s: limit used`,
      value: percent(d.fractionOfLimit),
      target: `>= ${SPEED_TARGETS.fractionOfLimit * 100}% (${fixed(d.deliveredPerSecond)}/s over ${d.windows} windows`
        + `${d.peakInFlight === undefined ? '' : `, peak ${d.peakInFlight} in flight`})`,
      pass: d.fractionOfLimit >= SPEED_TARGETS.fractionOfLimit,
    },
    {
      figure: '  429s / requests',
      value: `${percent(d.tooManyFraction, 2)} (${d.tooManyRequests}/${thousands(d.requests)})`,
      target: `<= ${SPEED_TARGETS.tooManyFraction * 100}%`,
      pass: d.tooManyFraction <= SPEED_TARGETS.tooManyFraction,
    },
  );
  return rows;
}
