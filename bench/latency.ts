// Figure 5: from ingest acknowledgement to the Intercom request, for single events sent at a light steady rate.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { basicAuth } from './ferry-config.js';
import type { BenchSimulator } from './simulator.js';

export interface LatencyFigure {
  rate: number;
  sent: number;
  /** Probes whose Intercom request arrived (all, unless something failed). */
  matched: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Sends `count` track calls for identified users, one every 1000/rate ms (not waiting for answers), and measures each
 * from its 200 to the simulator receiving its POST /events (both clocks are this process's performance.now()).
 */
export async function measureLatency(
  ferryUrl: string, sim: BenchSimulator, users: readonly string[], options: { rate: number; count: number; seed: number },
): Promise<LatencyFigure> {
  const pool = new Pool(ferryUrl, { connections: 8, pipelining: 1 });
  const acks = new Map<number, number>();
  const interval = 1000 / options.rate;
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let probe = 0; probe < options.count; probe++) {
    const due = started + probe * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const body = JSON.stringify({
      userId: users[probe % users.length], event: 'Latency Probe', properties: { probe },
      messageId: `probe-${options.seed}-${probe}`,
    });
    sends.push(
      pool
        .request({ method: 'POST', path: '/v1/track', body, headers: { 'content-type': 'application/json', authorization: basicAuth } })
        .then(async (response) => {
          await response.body.text();
          if (response.statusCode === 200) acks.set(probe, performance.now());
        }),
    );
  }
  await Promise.all(sends);
  await pool.close();
  // The last requests may still be on their way to the simulator.
  for (let waited = 0; waited < 5_000 && sim.probeArrivals.size < acks.size; waited += 50) await sleep(50);
  const latencies: number[] = [];
  for (const [probe, ack] of acks) {
    const arrived = sim.probeArrivals.get(probe);
    if (arrived !== undefined) latencies.push(arrived - ack);
  }
  latencies.sort((a, b) => a - b);
  return {
    rate: options.rate,
    sent: options.count,
    matched: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? Number.NaN,
  };
}
