// `npm run bench` options: --events N, --seed S, --json, --quick, --backlog, --connections C, --store S, --nodes N,
// --delivery-speed, --cpu-prof DIR.
import { parseArgs } from 'node:util';

export interface BenchOptions {
  events: number;
  seed: number;
  json: boolean;
  quick: boolean;
  backlog: boolean;
  /** Concurrent keep-alive clients of the ingest figure. */
  connections: number;
  /** Events per /v1/batch request. */
  batchSize: number;
  /** Events of the workload timed by the engine figure (a prefix). */
  engineEvents: number;
  /** Seconds of delivery against the limited simulator. */
  limitSeconds: number;
  latencyProbes: number;
  latencyRate: number;
  /** Jobs of the --backlog figure. */
  backlogJobs: number;
  /** Seconds ferry works on the backlog while its memory is watched. */
  backlogSeconds: number;
  drainTimeoutMs: number;
  /** sqlite: the standard bench; postgres: ingest and delivery on PostgreSQL with 1..3 nodes beside SQLite. */
  store: 'sqlite' | 'postgres';
  /** With --store postgres: only this many nodes (default: 1, 2 and 3 in turn). */
  nodes: number | undefined;
  /** Only the delivery-speed phases (figure 9), which the full run also measures. */
  deliverySpeed: boolean;
  /** Where the delivery-speed phase with one destination writes ferry's V8 CPU profile (`node --cpu-prof`). */
  cpuProfDir: string | undefined;
}

const whole = (name: string, text: string, min: number): number => {
  const n = /^\d+$/.test(text.replace(/_/g, '')) ? Number(text.replace(/_/g, '')) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min} (got ${JSON.stringify(text)})`);
  return n;
};

export function readOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      events: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      backlog: { type: 'boolean', default: false },
      connections: { type: 'string' },
      store: { type: 'string', default: 'sqlite' },
      nodes: { type: 'string' },
      'delivery-speed': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('npm run bench -- [--events N] [--seed S] [--json] [--quick] [--backlog] [--connections C] [--store sqlite|postgres [--nodes 1|2|3]] [--delivery-speed [--cpu-prof DIR]]\n');
    process.exit(0);
  }
  const quick = values.quick;
  if (values.store !== 'sqlite' && values.store !== 'postgres') throw new Error(`--store must be sqlite or postgres (got ${JSON.stringify(values.store)})`);
  const nodes = values.nodes === undefined ? undefined : whole('nodes', values.nodes, 1);
  if (nodes !== undefined && (nodes > 3 || values.store !== 'postgres')) throw new Error('--nodes takes 1, 2 or 3, with --store postgres');
  return {
    // The store bench runs the workload four times (SQLite, then 1-3 PostgreSQL nodes): a smaller default.
    events: values.events === undefined ? (quick ? 5_000 : values.store === 'postgres' ? 30_000 : 100_000) : whole('events', values.events, 100),
    seed: values.seed === undefined ? 1 : whole('seed', values.seed, 0),
    json: values.json,
    quick,
    backlog: values.backlog,
    connections: values.connections === undefined ? 8 : whole('connections', values.connections, 1),
    batchSize: 100,
    engineEvents: quick ? 5_000 : 20_000,
    limitSeconds: quick ? 6 : 20,
    latencyProbes: quick ? 100 : 500,
    latencyRate: 50,
    backlogJobs: quick ? 50_000 : 1_000_000,
    backlogSeconds: quick ? 5 : 20,
    drainTimeoutMs: (quick ? 2 : 6) * 60_000,
    store: values.store,
    nodes,
    deliverySpeed: values['delivery-speed'],
    cpuProfDir: values['cpu-prof'],
  };
}
