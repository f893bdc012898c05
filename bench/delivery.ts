// Figures 3 and 4: Intercom requests per delivered action (from the simulator's log) and delivery under a rate limit.
import { setTimeout as sleep } from 'node:timers/promises';
import { PRESET_MAPPINGS } from '../src/destinations/intercom/index.js';
import type { LoggedRequest } from '../sim/intercom/request-log.js';
import type { JobsDb } from './jobs-db.js';
import type { Floor } from './workload/generate.js';

export type ActionKey = 'identifyContact' | 'identifyCompany' | 'trackEvent';
export const ACTIONS: readonly ActionKey[] = ['identifyContact', 'identifyCompany', 'trackEvent'];

/**
 * Which action sent a request, by its endpoint: contacts writes (and merges, unarchives) are Identify Contact's;
 * companies, attaches and contact searches (only the company attach looks contacts up) Identify Company's; events
 * Track Event's.
 */
export function actionOf(request: Pick<LoggedRequest, 'method' | 'path'>): ActionKey | 'other' {
  const { method, path } = request;
  if (method === 'POST' && path === '/events') return 'trackEvent';
  if (method === 'POST' && (path === '/companies' || path === '/contacts/search' || /^\/contacts\/[^/]+\/companies$/.test(path))) {
    return 'identifyCompany';
  }
  if ((method === 'POST' || method === 'PUT') && path.startsWith('/contacts')) return 'identifyContact';
  return 'other';
}

const actionOfMapping = new Map(PRESET_MAPPINGS.map((m) => [m.name, m.action as ActionKey]));

export interface ActionEfficiency {
  requests: number;
  delivered: number;
  failed: number;
  /** Requests per delivered action, and the workload's floor of it. */
  perAction: number;
  floorPerAction: number;
}

export interface EfficiencyFigure {
  requests: number;
  /** Answers 429 among them (counted as requests: ferry sent them). */
  tooManyRequests: number;
  otherRequests: number;
  delivered: number;
  deliveredWithWarnings: number;
  /** Rejected: actions that failed although the workload makes every one of them valid. */
  failed: number;
  /** Still queued or waiting to retry when the drain ended (0 when it finished). */
  undelivered: number;
  failureReasons: { reason: string; jobs: number }[];
  perAction: number;
  floorPerAction: number;
  /** perAction / floorPerAction - 1. */
  overFloor: number;
  byAction: Record<ActionKey, ActionEfficiency>;
}

export function measureEfficiency(log: readonly LoggedRequest[], db: JobsDb, floor: Floor, byType: Record<string, number>): EfficiencyFigure {
  const requests = { identifyContact: 0, identifyCompany: 0, trackEvent: 0, other: 0 };
  let tooMany = 0;
  for (const entry of log) {
    if (entry.status === 401) continue; // the pausing token of the ingest phase: nothing was delivered with it
    requests[actionOf(entry)] += 1;
    if (entry.status === 429) tooMany += 1;
  }
  const counts = db.counts();
  const byAction = {} as Record<ActionKey, ActionEfficiency>;
  const floors: Record<ActionKey, [number, number]> = {
    identifyContact: [floor.identifyContact, byType.identify ?? 0],
    identifyCompany: [floor.identifyCompany, byType.group ?? 0],
    trackEvent: [floor.trackEvent, byType.track ?? 0],
  };
  let delivered = 0;
  let withWarnings = 0;
  let failed = 0;
  let undelivered = 0;
  for (const action of ACTIONS) byAction[action] = { requests: requests[action], delivered: 0, failed: 0, perAction: 0, floorPerAction: 0 };
  for (const [mapping, states] of Object.entries(counts.byMapping)) {
    const action = actionOfMapping.get(mapping);
    if (action === undefined) continue;
    const ok = (states.delivered ?? 0) + (states['delivered-with-warnings'] ?? 0);
    const rejected = states.rejected ?? 0;
    byAction[action].delivered += ok;
    byAction[action].failed += rejected;
    delivered += ok;
    withWarnings += states['delivered-with-warnings'] ?? 0;
    failed += rejected;
    undelivered += (states.pending ?? 0) + (states.leased ?? 0);
  }
  for (const action of ACTIONS) {
    const a = byAction[action];
    const [floorRequests, actions] = floors[action];
    a.perAction = a.delivered > 0 ? a.requests / a.delivered : 0;
    a.floorPerAction = actions > 0 ? floorRequests / actions : 0;
  }
  const total = requests.identifyContact + requests.identifyCompany + requests.trackEvent + requests.other;
  const perAction = delivered > 0 ? total / delivered : 0;
  const floorPerAction = floor.actions > 0 ? floor.total / floor.actions : 0;
  return {
    requests: total,
    tooManyRequests: tooMany,
    otherRequests: requests.other,
    delivered,
    deliveredWithWarnings: withWarnings,
    failed,
    undelivered,
    failureReasons: failed + undelivered > 0 ? db.failureReasons() : [],
    perAction,
    floorPerAction,
    overFloor: floorPerAction > 0 ? perAction / floorPerAction - 1 : 0,
    byAction,
  };
}

export interface LimitFigure {
  limit: number;
  windowSeconds: number;
  /** Whole windows measured (the first ones, while ferry starts and learns the limit, are left out). */
  windows: number;
  /** Answered requests (not 429) per second in those windows, and that as a fraction of the limit. */
  deliveredPerSecond: number;
  fractionOfLimit: number;
  requests: number;
  tooManyRequests: number;
  /** 429s as a fraction of every request sent during the phase (warm-up included). */
  tooManyFraction: number;
}

/**
 * Delivery against a limited simulator for `seconds`, from a backlog. `log` is the simulator's log of the phase; the
 * rate is counted over whole windows after `warmupWindows`, up to the last whole window.
 */
export function measureUnderLimit(
  log: readonly LoggedRequest[], limit: { limit: number; windowSeconds: number }, endMs: number, warmupWindows = 2,
): LimitFigure {
  const windowMs = limit.windowSeconds * 1000;
  const sent = log.filter((e) => e.status !== 401);
  const first = sent[0] ? Date.parse(sent[0].at) : endMs;
  const from = (Math.floor(first / windowMs) + warmupWindows) * windowMs;
  const to = Math.floor(endMs / windowMs) * windowMs;
  const windows = Math.max(0, (to - from) / windowMs);
  let answered = 0;
  for (const entry of sent) {
    const at = Date.parse(entry.at);
    if (at >= from && at < to && entry.status !== 429) answered += 1;
  }
  const tooMany = sent.filter((e) => e.status === 429).length;
  const deliveredPerSecond = windows > 0 ? answered / (windows * limit.windowSeconds) : 0;
  return {
    ...limit,
    windows,
    deliveredPerSecond,
    fractionOfLimit: deliveredPerSecond / (limit.limit / limit.windowSeconds),
    requests: sent.length,
    tooManyRequests: tooMany,
    tooManyFraction: sent.length > 0 ? tooMany / sent.length : 0,
  };
}

/** Waits until ferry has no unfinished job (or `timeoutMs` passes); returns how long it took. */
export async function waitForDrain(db: JobsDb, timeoutMs: number): Promise<{ seconds: number; drained: boolean }> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (db.unfinished() === 0) return { seconds: (Date.now() - started) / 1000, drained: true };
    await sleep(200);
  }
  return { seconds: (Date.now() - started) / 1000, drained: false };
}
