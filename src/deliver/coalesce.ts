// Coalescing a person's backlog: a run of queued jobs of one mapping right behind the head, delivered as one request.
import { FerryError } from '../errors.js';
import type { CompiledRoute } from '../subscriptions/compile.js';
import type { LeasedJob } from '../store/types.js';
import { executeRoute, failureOutcome, preparePayload, type ExecuteDeps } from './execute.js';
import type { MappingOutcome } from './outcome.js';

/** The most jobs behind a head merged into its delivery. */
export const MAX_RUN = 100;

export interface RunMember {
  job: LeasedJob;
  payload: Record<string, unknown>;
}

/** What to do with the jobs leased behind a head: merge, reject on their own, or put back in the queue. */
export interface RunPlan {
  /** The head first, then the jobs merged into its delivery, in order. */
  members: RunMember[];
  /** Jobs whose payload the action refuses before any request (R1): finished rejected on their own, in order. */
  rejected: { job: LeasedJob; outcome: MappingOutcome }[];
  /** The jobs from the first that may not be merged on: back to the queue, as if never leased. */
  released: LeasedJob[];
}

const idsOf = (event: Record<string, unknown>) => JSON.stringify([event.userId ?? null, event.anonymousId ?? null]);

/** The head's payload and run key, or undefined when the head is not one to merge others into. */
export function headMember(route: CompiledRoute, job: LeasedJob): (RunMember & { key: string }) | undefined {
  const coalesce = route.action.coalesce;
  if (coalesce === undefined) return undefined;
  try {
    const payload = preparePayload(route, job.event);
    const key = coalesce.runKey(payload);
    return key === undefined ? undefined : { job, payload, key };
  } catch {
    // Refused: the ordinary delivery says why.
    return undefined;
  }
}

/**
 * The run stops at the first job with other Segment ids (userId, anonymousId) than the head's, another run key, or a
 * payload that fails other than by ferry's own validation; a job ferry's validation refuses is rejected on its own.
 */
export function planRun(route: CompiledRoute, head: RunMember & { key: string }, behind: readonly LeasedJob[]): RunPlan {
  const plan: RunPlan = { members: [head], rejected: [], released: [] };
  const ids = idsOf(head.job.event);
  for (const [index, job] of behind.entries()) {
    let key: string | undefined;
    let payload: Record<string, unknown> | undefined;
    try {
      payload = preparePayload(route, job.event);
      key = route.action.coalesce!.runKey(payload);
    } catch (error) {
      if (error instanceof FerryError && idsOf(job.event) === ids) {
        const outcome: MappingOutcome = { mapping: route.name, action: route.action.key, warnings: [], requests: [], ...failureOutcome(error, undefined) };
        plan.rejected.push({ job, outcome });
        continue;
      }
    }
    if (payload === undefined || key !== head.key || idsOf(job.event) !== ids) {
      plan.released = behind.slice(index);
      break;
    }
    plan.members.push({ job, payload });
  }
  return plan;
}

export interface RunDeps {
  route: CompiledRoute;
  execute: ExecuteDeps;
  /** Records an attempt's outcome on its job, as one-by-one delivery does. */
  record(job: LeasedJob, outcome: MappingOutcome): Promise<void>;
  /** Back to the queue, no attempt counted. */
  release(job: LeasedJob): Promise<void>;
}

/**
 * Delivers the merged payload once with the head's event. Delivered: the head records the requests, each merged job
 * is delivered by it (its log says which delivery), the rejected ones are finished. Refused: which job Intercom
 * refused is not known, so the head is delivered alone and the rest go back to the queue. Retrying or paused: the
 * head's outcome as usual, the rest back to the queue.
 */
export async function deliverRun(deps: RunDeps, plan: RunPlan): Promise<void> {
  const [head, ...merged] = plan.members;
  const { route, execute } = deps;
  const later = [...merged, ...plan.rejected].sort((a, b) => a.job.id - b.job.id);
  const payload = route.action.coalesce!.merge(plan.members.map((m) => m.payload));
  const outcome = await executeRoute(route, head!.job.event, execute, payload);
  if (outcome.status === 'delivered' || outcome.status === 'delivered-with-warnings') {
    await deps.record(head!.job, outcome);
    for (const item of later) await deps.record(item.job, 'outcome' in item ? item.outcome : absorbed(outcome, head!.job.id));
  } else if (outcome.status === 'rejected' && !outcome.pauseDestination) {
    for (const item of later) await deps.release(item.job);
    const alone = await executeRoute(route, head!.job.event, execute, head!.payload);
    await deps.record(head!.job, { ...alone, requests: [...outcome.requests, ...alone.requests] });
  } else {
    for (const item of later) await deps.release(item.job);
    await deps.record(head!.job, outcome);
  }
  for (const job of plan.released) await deps.release(job);
}

/** A merged job's outcome: delivered by the head's delivery, whose attempt holds the requests. */
function absorbed(outcome: MappingOutcome, headJobId: number): MappingOutcome {
  const { payload: _payload, ...rest } = outcome;
  return { ...rest, requests: [], warnings: [`delivered together with delivery ${headJobId}`, ...outcome.warnings] };
}
