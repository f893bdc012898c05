// Figure 7: Intercom requests per action when a backlog builds up (deliveries paused for 10 minutes of traffic, then
// resumed: ferry coalesces a person's queued identifies and skips repeated company upsert), next to steady state.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'undici';
import { DEFAULT_TOKEN } from '../sim/intercom/state.js';
import { measureEfficiency, waitForDrain, type EfficiencyFigure } from './delivery.js';
import { PAUSING_TOKEN, basicAuth, writeBenchConfig } from './ferry-config.js';
import { JobsDb } from './jobs-db.js';
import { batchBodies, postAll } from './load.js';
import type { BenchOptions } from './options.js';
import { startFerryChild, type Child } from './processes.js';
import { startBenchSimulator } from './simulator.js';
import { floorOf } from './workload/floor.js';
import type { Floor, WorkloadEvent } from './workload/generate.js';
import { partitionByPerson } from './workload/partition.js';

/** 10 minutes of traffic at 20 events per second: the events that queue while deliveries are paused. */
export const PAUSE_EVENTS = 12_000;
/** Steady state: the same events arriving at a pace ferry keeps up with, 10 per request every 20 ms (500/s). */
const STEADY_BATCH = 10;
const STEADY_EVERY_MS = 20;

export interface BacklogRequestsFigure {
  events: number;
  floor: Floor;
  steady: EfficiencyFigure;
  backlog: EfficiencyFigure;
  backlogDrainSeconds: number;
}

function floorFor(events: readonly WorkloadEvent[]): { floor: Floor; byType: Record<string, number> } {
  const byType: Record<string, number> = {};
  for (const event of events) byType[event.type] = (byType[event.type] ?? 0) + 1;
  const floor = floorOf(events);
  return { floor: { ...floor, actions: (byType.identify ?? 0) + (byType.group ?? 0) + (byType.track ?? 0) }, byType };
}

/** Posts the events in order from one client at a steady pace. */
async function postPaced(url: string, events: readonly WorkloadEvent[]): Promise<void> {
  const client = new Client(url, { pipelining: 1, keepAliveTimeout: 30_000 });
  const started = Date.now();
  try {
    for (const [i, { body }] of batchBodies(events, STEADY_BATCH).entries()) {
      const response = await client.request({ method: 'POST', path: '/v1/batch', body, headers: { 'content-type': 'application/json', authorization: basicAuth } });
      await response.body.text();
      if (response.statusCode !== 200) throw new Error(`steady ingest answered ${response.statusCode}`);
      const wait = started + (i + 1) * STEADY_EVERY_MS - Date.now();
      if (wait > 0) await sleep(wait);
    }
  } finally {
    await client.close();
  }
}

/** Each run on a simulator and data dir of its own, so no contact of one is known to the other. */
export async function measureBacklogRequests(
  dir: string, workload: readonly WorkloadEvent[], options: BenchOptions, children: Child[],
): Promise<BacklogRequestsFigure> {
  const events = workload.slice(0, PAUSE_EVENTS);
  const { floor, byType } = floorFor(events);
  const run = async (name: string, deliver: (sim: Awaited<ReturnType<typeof startBenchSimulator>>, dataDir: string) => Promise<Child>) => {
    const sim = await startBenchSimulator();
    const dataDir = join(dir, name);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try {
      const ferry = await deliver(sim, dataDir);
      const db = new JobsDb(dataDir);
      const drain = await waitForDrain(db, options.drainTimeoutMs);
      const figure = measureEfficiency(sim.requests(), db, floor, byType);
      db.close();
      await ferry.stop();
      return { figure, drain };
    } finally {
      await sim.close();
    }
  };
  const steady = await run('steady', async (sim, dataDir) => {
    const ferry = await startFerryChild({ config: writeBenchConfig(dir, sim.url, DEFAULT_TOKEN, 'steady.yaml'), dataDir });
    children.push(ferry);
    await postPaced(ferry.url, events);
    return ferry;
  });
  const backlog = await run('backlog', async (sim, dataDir) => {
    const paused = await startFerryChild({ config: writeBenchConfig(dir, sim.url, PAUSING_TOKEN, 'paused-slice.yaml'), dataDir, expectPause: true });
    children.push(paused);
    const streams = partitionByPerson(events, options.connections).map((part) => batchBodies(part, options.batchSize));
    await postAll(paused.url, '/v1/batch', streams, { authorization: basicAuth });
    await paused.stop();
    const ferry = await startFerryChild({ config: writeBenchConfig(dir, sim.url, DEFAULT_TOKEN, 'resumed.yaml'), dataDir });
    children.push(ferry);
    return ferry;
  });
  return { events: events.length, floor, steady: steady.figure, backlog: backlog.figure, backlogDrainSeconds: backlog.drain.seconds };
}
