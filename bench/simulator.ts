// The Intercom simulator of a bench run, in this process: its request log, rate-limit switch, and probe arrival times.
import { performance } from 'node:perf_hooks';
import { buildSimulator } from '../sim/intercom/index.js';
import type { LoggedRequest } from '../sim/intercom/request-log.js';

/** A rate limit far above anything ferry sends: the simulator never answers 429. */
export const UNLIMITED = { limit: 1_000_000_000, windowSeconds: 10 };

export interface BenchSimulator {
  url: string;
  /** The request log from `since` (a seq) on; the log keeps up to 2,000,000 requests. */
  requests(since?: number): LoggedRequest[];
  lastSeq(): number;
  setRateLimit(limit: { limit: number; windowSeconds: number }): Promise<void>;
  /** performance.now() at which POST /events carrying metadata.probe = id arrived (parsed, before answering). */
  probeArrivals: Map<number, number>;
  close(): Promise<void>;
}

export async function startBenchSimulator(): Promise<BenchSimulator> {
  const { app, state } = buildSimulator({ rateLimit: UNLIMITED, requestLogCapacity: 2_000_000 });
  const probeArrivals = new Map<number, number>();
  app.addHook('preHandler', async (request) => {
    if (request.method !== 'POST' || request.url !== '/events') return;
    const probe = (request.body as { metadata?: { probe?: unknown } } | undefined)?.metadata?.probe;
    if (typeof probe === 'number' && !probeArrivals.has(probe)) probeArrivals.set(probe, performance.now());
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const all = () => state.requests.list();
  return {
    url,
    probeArrivals,
    requests: (since = 0) => state.requests.list({ since }),
    lastSeq: () => all().at(-1)?.seq ?? 0,
    setRateLimit: async (limit) => {
      const response = await fetch(`${url}/_sim/faults`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rateLimit: limit }),
      });
      if (!response.ok) throw new Error(`the simulator refused the rate limit: ${await response.text()}`);
    },
    close: () => app.close(),
  };
}
