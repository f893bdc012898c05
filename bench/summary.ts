// Every figure of a run with its target: the printed table and the --json object.
import type { BacklogRequestsFigure } from './backlog-requests.js';
import type { EfficiencyFigure, LimitFigure } from './delivery.js';
import type { EngineFigure } from './engine.js';
import type { StartupFigure } from './startup.js';
import { ingestPhaseRows, type ConcurrentFigure, type PrepareFigure } from './ingest-phases.js';
import { deliverySpeedRows, type DeliverySpeedFigures } from './delivery-speed.js';
import type { LatencyFigure } from './latency.js';
import type { LoadResult } from './load.js';
import type { BenchOptions } from './options.js';
import { fixed, megabytes, percent, table, thousands, type Row } from './report.js';
import type { WorkloadSummary } from './workload/generate.js';

export const TARGETS = {
  ingestEventsPerSecond: 20_000,
  ingestVsBare: 0.5,
  engineRatio: 5,
  overFloor: 0.03,
  failedActions: 0,
  fractionOfLimit: 0.95,
  tooManyFraction: 0.001,
  p99Ms: 50,
  rssBytes: 250 * 1024 * 1024,
  cliStartupMs: 300,
} as const;

export interface RunFigures {
  options: BenchOptions;
  workload: WorkloadSummary;
  ingest: LoadResult & { cpuMicrosPerEvent: number | undefined };
  bare: LoadResult & { cpuMicrosPerEvent: number | undefined };
  /** Events in ferry's database after the ingest (every acknowledged one). */
  stored: number;
  engine: EngineFigure;
  /** CLI start-up (validate, test-event), when measured. */
  startup?: StartupFigure;
  underLimit: LimitFigure;
  drain: { seconds: number; drained: boolean };
  efficiency: EfficiencyFigure;
  latency: LatencyFigure;
  /** Figure 9, when measured (not in a quick run). */
  deliverySpeed?: DeliverySpeedFigures;
  memory: {
    ingestPeakRss: number | undefined;
    deliveryPeakRss: number | undefined;
    backlog?: { events: number; jobs: number; seconds: number; startSeconds: number; peakRss: number; jobsDoneWhileWatched: number; watchedSeconds: number };
  };
  /** Figure 7: requests per action with a backlog (coalesced) and in steady state. */
  backlogRequests?: BacklogRequestsFigure;
  seconds: number;
  /** Ingest's preparation alone, and ingest and delivery at the same time (bench/ingest-phases.ts). */
  prepare?: PrepareFigure;
  concurrent?: ConcurrentFigure;
}

function rows(f: RunFigures): Row[] {
  const { workload: w, ingest, bare, engine, efficiency: e, underLimit: u, latency: l, memory: m } = f;
  const ratio = ingest.eventsPerSecond / bare.eventsPerSecond;
  const peak = Math.max(m.ingestPeakRss ?? 0, m.deliveryPeakRss ?? 0);
  const out: Row[] = [
    { figure: 'workload', value: `${thousands(w.events)} events`, target: `floor ${thousands(w.floor.total)} requests for ${thousands(w.floor.actions)} actions` },
    { figure: '1 ingest (ferry, /v1/batch x100)', value: `${thousands(ingest.eventsPerSecond)} ev/s`, target: `>= ${thousands(TARGETS.ingestEventsPerSecond)} ev/s`, pass: ingest.eventsPerSecond >= TARGETS.ingestEventsPerSecond && ingest.failures === 0 },
    { figure: '  bare fastify JSON route', value: `${thousands(bare.eventsPerSecond)} ev/s`, target: '' },
    { figure: '  ingest / bare', value: `${fixed(ratio, 2)}x`, target: `>= ${TARGETS.ingestVsBare}x`, pass: ratio >= TARGETS.ingestVsBare },
    { figure: '  server CPU per event (ferry / bare)', value: `${fixed(ingest.cpuMicrosPerEvent ?? NaN)} / ${fixed(bare.cpuMicrosPerEvent ?? NaN)} us`, target: '' },
    { figure: '  stored / acknowledged, failed requests', value: `${thousands(f.stored)} / ${thousands(ingest.events)}, ${ingest.failures}`, target: 'all stored, 0 failed', pass: f.stored === ingest.events && ingest.failures === 0 },
    ...ingestPhaseRows(ingest, f.prepare, f.concurrent, TARGETS.ingestEventsPerSecond),
    { figure: '2 engine per event (ferry)', value: `${fixed(engine.ferryMicrosPerEvent, 2)} us`, target: `median of ${engine.rounds} interleaved rounds` },
    { figure: '  actions-core + subscriptions', value: `${fixed(engine.actionsCoreMicrosPerEvent, 2)} us`, target: '' },
    { figure: '  actions-core / ferry', value: `${fixed(engine.ratio, 1)}x`, target: `>= ${TARGETS.engineRatio}x (rounds ${fixed(engine.ratioSpread.min, 1)}-${fixed(engine.ratioSpread.max, 1)}x)`, pass: engine.ratio >= TARGETS.engineRatio },
    { figure: '  without the body build (shared)', value: `${fixed(engine.withoutBody.ferryMicrosPerEvent, 2)} / ${fixed(engine.withoutBody.actionsCoreMicrosPerEvent, 2)} us`, target: `${fixed(engine.withoutBody.ratio, 1)}x, rounds ${fixed(engine.withoutBody.ratioSpread.min, 1)}-${fixed(engine.withoutBody.ratioSpread.max, 1)}x (trigger + mapping + validation)` },
    { figure: '  same bodies built', value: `${thousands(engine.events - engine.disagreements)} / ${thousands(engine.events)}`, target: 'all', pass: engine.disagreements === 0 },
    { figure: '3 requests per delivered action', value: fixed(e.perAction, 4), target: `<= floor ${fixed(e.floorPerAction, 4)} + ${TARGETS.overFloor * 100}%`, pass: e.overFloor <= TARGETS.overFloor && e.undelivered === 0 },
    ...(['identifyContact', 'identifyCompany', 'trackEvent'] as const).map((key) => ({
      figure: `  ${key}`,
      value: `${fixed(e.byAction[key].perAction, 4)}`,
      target: `floor ${fixed(e.byAction[key].floorPerAction, 4)} (${thousands(e.byAction[key].requests)} req / ${thousands(e.byAction[key].delivered)} delivered)`,
    })),
    { figure: '  over the floor', value: percent(e.overFloor, 2), target: `<= ${TARGETS.overFloor * 100}%`, pass: e.overFloor <= TARGETS.overFloor },
    { figure: '  actions failed (valid workload)', value: `${e.failed}`, target: '0', pass: e.failed === TARGETS.failedActions },
    ...(e.undelivered > 0 ? [{ figure: '  still queued at the end', value: `${e.undelivered}`, target: '0', pass: false }] : []),
    { figure: `  drain of the backlog`, value: `${fixed(f.drain.seconds)} s`, target: f.drain.drained ? '' : 'did not finish' },
    { figure: `4 delivered under ${u.limit}/${u.windowSeconds}s`, value: percent(u.fractionOfLimit), target: `>= ${TARGETS.fractionOfLimit * 100}% of the limit`, pass: u.fractionOfLimit >= TARGETS.fractionOfLimit },
    { figure: '  429s / requests', value: `${percent(u.tooManyFraction, 2)} (${u.tooManyRequests}/${thousands(u.requests)})`, target: `<= ${TARGETS.tooManyFraction * 100}%`, pass: u.tooManyFraction <= TARGETS.tooManyFraction },
    { figure: `5 latency ack -> Intercom, p50`, value: `${fixed(l.p50Ms)} ms`, target: `${l.matched}/${l.sent} probes at ${l.rate}/s`, pass: l.matched === l.sent ? undefined : false },
    { figure: '  p99', value: `${fixed(l.p99Ms)} ms`, target: `< ${TARGETS.p99Ms} ms`, pass: l.p99Ms < TARGETS.p99Ms },
    { figure: '6 peak RSS of ferry (ingest, delivery)', value: `${megabytes(m.ingestPeakRss)}, ${megabytes(m.deliveryPeakRss)}`, target: `< ${megabytes(TARGETS.rssBytes)}`, pass: peak > 0 ? peak < TARGETS.rssBytes : undefined },
  ];
  if (f.startup) out.push(...startupRows(f.startup));
  if (m.backlog) {
    out.push({
      figure: `  with ${thousands(m.backlog.jobs)} queued jobs`,
      value: megabytes(m.backlog.peakRss),
      target: `< ${megabytes(TARGETS.rssBytes)}`,
      pass: m.backlog.peakRss < TARGETS.rssBytes,
    });
    out.push({
      figure: '  backlog: written, ferry start, worked',
      value: `${fixed(m.backlog.seconds)} s, ${fixed(m.backlog.startSeconds)} s`,
      target: `${thousands(m.backlog.jobsDoneWhileWatched)} jobs in ${m.backlog.watchedSeconds} s`,
    });
  }
  if (f.backlogRequests) out.push(...backlogRows(f.backlogRequests));
  if (f.deliverySpeed) out.push(...deliverySpeedRows(f.deliverySpeed));
  return out;
}

function backlogRows(b: BacklogRequestsFigure): Row[] {
  const floor = b.floor.total / b.floor.actions;
  const { steady, backlog } = b;
  const clean = (e: EfficiencyFigure) => e.failed === 0 && e.undelivered === 0;
  return [
    { figure: `7 requests per action, backlog`, value: fixed(backlog.perAction, 4), target: `< floor ${fixed(floor, 4)} (${thousands(b.events)} events queued)`, pass: backlog.perAction < floor && clean(backlog) },
    { figure: '  steady state (same events, 500/s)', value: fixed(steady.perAction, 4), target: `<= floor + ${TARGETS.overFloor * 100}%`, pass: steady.overFloor <= TARGETS.overFloor && clean(steady) },
    ...(['identifyContact', 'identifyCompany', 'trackEvent'] as const).map((key) => ({
      figure: `  ${key} backlog / steady`,
      value: `${fixed(backlog.byAction[key].perAction, 4)} / ${fixed(steady.byAction[key].perAction, 4)}`,
      target: `floor ${fixed(backlog.byAction[key].floorPerAction, 4)}`,
    })),
    { figure: '  backlog: requests, failed, drained in', value: `${thousands(backlog.requests)}, ${backlog.failed}`, target: `${fixed(b.backlogDrainSeconds)} s`, pass: clean(backlog) },
  ];
}

function startupRows(s: StartupFigure): Row[] {
  const ms = (t: StartupFigure['validate']) => `${fixed(t.medianMs, 0)} ms`;
  const spread = (t: StartupFigure['validate']) => `${fixed(t.minMs, 0)}-${fixed(t.maxMs, 0)} ms, CPU ${fixed(t.cpuMedianMs ?? NaN, 0)} ms`;
  return [
    {
      figure: 'CLI start-up: validate / test-event median', value: `${ms(s.validate)} / ${ms(s.testEvent)}`,
      target: `< ${TARGETS.cliStartupMs} ms each (${s.runs} runs)`,
      pass: s.validate.medianMs < TARGETS.cliStartupMs && s.testEvent.medianMs < TARGETS.cliStartupMs,
    },
    { figure: '  validate, test-event', value: '', target: `${spread(s.validate)}; ${spread(s.testEvent)}` },
    { figure: "  bare Node (node -e '')", value: ms(s.bareNode), target: `${spread(s.bareNode)} (the machine's share)` },
  ];
}

export function summarize(f: RunFigures): { text: string; json: unknown } {
  const lines = [
    '',
    `ferry bench — ${thousands(f.workload.events)} events (seed ${f.workload.seed}), ${fixed(f.seconds, 0)} s`,
    table(rows(f)),
    '',
    'Ingest ran with deliveries paused: the destination\'s token was one the simulator refuses, so ferry paused it at',
    'the first 401 and the jobs queued; the delivery figures then restarted ferry with the right token on that backlog.',
  ];
  const { options, ...figures } = f;
  return {
    text: lines.join('\n'),
    json: { options, targets: TARGETS, ...figures, ingestVsBare: f.ingest.eventsPerSecond / f.bare.eventsPerSecond },
  };
}
