// `npm run bench -- --store postgres [--nodes N]`: ingest and delivery with 1-3 ferry nodes on one PostgreSQL database
// (a throw-away server, fsync on) beside one node on SQLite, against a simulator with many workspaces and a high limit.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildSimulator } from '../sim/intercom/index.js';
import { startThrowawayCluster, type ThrowawayCluster } from '../src/store/postgres/test-support/throwaway-cluster.js';
import { batchBodies, postAll } from './load.js';
import type { BenchOptions } from './options.js';
import type { Child } from './processes.js';
import { fixed, table, thousands, type Row } from './report.js';
import {
  basicAuthOf, jobCounter, startNodes, unfinishedOf, workspaceToken, writeWorkspacesConfig, type StoreUnderTest,
} from './store-nodes.js';
import { generateWorkload, type WorkloadEvent } from './workload/generate.js';
import { partitionByPerson } from './workload/partition.js';

const WORKSPACES = 4;
/** High enough that no workspace reaches it: the pacers still read every answer's X-RateLimit-* and share budgets. */
const HIGH_LIMIT = { limit: 100_000, windowSeconds: 10 };

export interface StoreRun {
  store: string;
  nodes: number;
  events: number;
  ingestEventsPerSecond: number;
  ingestFailures: number;
  jobs: number;
  deliverySeconds: number;
  jobsPerSecond: number;
  requests: number;
  tooManyRequests: number;
  requestsPerDelivered: number;
  /** Round trips to the shared rate budget per Intercom request (PostgreSQL), over both phases. */
  budgetWritesPerRequest: number | undefined;
  byState: Record<string, number>;
}

/** Every person's calls through one client; client c posts as source c % WORKSPACES to node c % nodes. */
async function ingest(nodes: readonly Child[], events: readonly WorkloadEvent[], options: BenchOptions) {
  const streams = partitionByPerson(events, options.connections).map((part) => batchBodies(part, options.batchSize));
  const started = process.hrtime.bigint();
  const results = await Promise.all(
    streams.map((stream, c) => postAll(nodes[c % nodes.length]!.url, '/v1/batch', [stream], { authorization: basicAuthOf(c % WORKSPACES) })),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { eventsPerSecond: events.length / seconds, failures: results.reduce((sum, r) => sum + r.failures, 0) };
}

async function runOne(store: StoreUnderTest, nodeCount: number, events: readonly WorkloadEvent[], options: BenchOptions): Promise<StoreRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-store-'));
  const workspaces = Array.from({ length: WORKSPACES }, (_, i) => ({ name: `Bench ${i}`, token: workspaceToken(i), idCode: `bench${i}` }));
  const { app, state } = buildSimulator({ rateLimit: HIGH_LIMIT, workspaces, requestLogCapacity: 2_000_000 });
  const simUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const children: Child[] = [];
  try {
    const paused = await startNodes(store, dir, writeWorkspacesConfig(dir, simUrl, WORKSPACES, true), nodeCount, true);
    children.push(...paused);
    const load = await ingest(paused, events, options);
    for (const node of paused) await node.stop();
    const counter = await jobCounter(store, dir);
    const since = state.requests.list().at(-1)?.seq ?? 0;
    const delivering = await startNodes(store, dir, writeWorkspacesConfig(dir, simUrl, WORKSPACES, false), nodeCount, false);
    children.push(...delivering);
    // Timed from the moment every node runs: the jobs the first nodes finished while the others started do not count.
    const started = Date.now();
    const before = unfinishedOf(await counter.byState());
    const deadline = started + options.drainTimeoutMs;
    let byState = await counter.byState();
    while (unfinishedOf(byState) > 0 && Date.now() < deadline) {
      await sleep(250);
      byState = await counter.byState();
    }
    const deliverySeconds = (Date.now() - started) / 1000;
    for (const node of delivering) await node.stop();
    await sleep(600); // the server's statistics are flushed about every 500 ms
    const budgetWrites = await counter.budgetWrites();
    await counter.close();
    const log = state.requests.list({ since }).filter((r) => r.status !== 401);
    const delivered = (byState.delivered ?? 0) + (byState['delivered-with-warnings'] ?? 0);
    return {
      store: store.label, nodes: nodeCount, events: events.length,
      ingestEventsPerSecond: load.eventsPerSecond, ingestFailures: load.failures,
      jobs: Object.values(byState).reduce((a, b) => a + b, 0),
      deliverySeconds, jobsPerSecond: (before - unfinishedOf(byState)) / deliverySeconds,
      requests: log.length, tooManyRequests: log.filter((r) => r.status === 429).length,
      requestsPerDelivered: log.length / delivered, byState,
      budgetWritesPerRequest: budgetWrites === undefined ? undefined : budgetWrites / state.requests.list().length,
    };
  } finally {
    for (const child of children) await child.stop().catch(() => undefined);
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function freshDatabase(cluster: ThrowawayCluster, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function runStoreBench(options: BenchOptions, say: (line: string) => void): Promise<{ text: string; json: unknown }> {
  const startedAt = Date.now();
  const { events } = generateWorkload({ events: options.events, seed: options.seed });
  const nodeCounts = options.nodes === undefined ? [1, 2, 3] : [options.nodes];
  const cluster = await startThrowawayCluster({ durable: true });
  const runs: StoreRun[] = [];
  try {
    say(`SQLite, 1 node: ${thousands(events.length)} events over ${WORKSPACES} workspaces`);
    runs.push(await runOne({ label: 'SQLite', databaseUrl: undefined }, 1, events, options));
    for (const nodes of nodeCounts) {
      say(`PostgreSQL, ${nodes} node(s)`);
      const databaseUrl = await freshDatabase(cluster, `bench_${nodes}_nodes`);
      runs.push(await runOne({ label: 'PostgreSQL', databaseUrl }, nodes, events, options));
    }
  } finally {
    await cluster.stop();
  }
  const rows: Row[] = runs.flatMap((r) => {
    const name = `${r.store}, ${r.nodes} node${r.nodes > 1 ? 's' : ''}`;
    const other = Object.entries(r.byState).filter(([s]) => !['delivered', 'filtered'].includes(s)).map(([s, n]) => `${s} ${n}`);
    return [
      { figure: `${name}: ingest`, value: `${thousands(r.ingestEventsPerSecond)} events/s`, target: `${r.ingestFailures} failed requests` },
      { figure: `${name}: delivery`, value: `${thousands(r.jobsPerSecond)} jobs/s`, target: `${thousands(r.jobs)} jobs in ${fixed(r.deliverySeconds)} s` },
      { figure: `${name}: requests per delivered job`, value: fixed(r.requestsPerDelivered, 4), target: `429s ${r.tooManyRequests}; ${other.join(', ') || 'all delivered or filtered'}` },
      ...(r.budgetWritesPerRequest === undefined ? [] : [
        { figure: `${name}: rate budget round trips per request`, value: fixed(r.budgetWritesPerRequest, 3), target: 'shared by the nodes' },
      ]),
    ];
  });
  const head = `ferry store bench: ${thousands(options.events)} events, seed ${options.seed}, ${WORKSPACES} workspaces, ${fixed((Date.now() - startedAt) / 1000, 0)} s`;
  return { text: `${head}\n${table(rows)}`, json: { workspaces: WORKSPACES, limit: HIGH_LIMIT, runs } };
}
