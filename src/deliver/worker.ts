// One destination's delivery loop: lease due jobs (one per person, R17), run them concurrently, record the outcome.
import { setTimeout as sleep } from 'node:timers/promises';
import type { RetrySettings } from '../config/model.js';
import type { IdentityCache } from '../destinations/kit/identity-cache.js';
import type { Router } from '../subscriptions/router.js';
import type { ConfigStore, JobQueueStore, JobResult, LeasedJob } from '../store/types.js';
import type { Logger } from '../telemetry/logger.js';
import type { Metrics } from '../telemetry/metrics.js';
import { FerryError } from '../errors.js';
import type { CompiledRoute } from '../subscriptions/compile.js';
import { deliverRun, headMember, MAX_RUN, planRun, type RunPlan } from './coalesce.js';
import { executeRoute, type ExecuteDeps } from './execute.js';
import { attemptRecord, jobResultFor } from './job-result.js';
import type { MappingOutcome } from './outcome.js';
import { STARTING_IN_FLIGHT } from './concurrency.js';
import { FinishBatch } from './finish-batch.js';

export interface WorkerOptions {
  /**
   * Jobs in flight at once (different people), fixed; undefined: as many as `WorkerDeps.inFlightTarget` says, which
   * follows the account's rate limit and the answers' latency up to the destination's `maxConcurrency`.
   */
  concurrency?: number;
  /** How long a lease lasts: a crashed worker's jobs are taken again after it. */
  leaseMs: number;
  /** Longest sleep when there is nothing to do (new events also wake the worker). */
  idlePollMs: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = { leaseMs: 120_000, idlePollMs: 1_000 };

/** The job queue, and pausing the destination when it refuses the credentials. */
export type WorkerStore = JobQueueStore & Pick<ConfigStore, 'setDestinationPaused'>;

export interface WorkerDeps {
  store: WorkerStore;
  router: Router;
  cache: IdentityCache;
  client: ExecuteDeps['client'];
  settings: ExecuteDeps['settings'];
  retry?: RetrySettings;
  /** No other process delivers to this destination (not several nodes on one database). */
  onlyProcess?: boolean;
  logger: Logger;
  metrics?: Metrics;
  /** Jobs to keep in flight now (see concurrency.ts); without it, STARTING_IN_FLIGHT. */
  inFlightTarget?: () => number;
}

/** The Segment ids of a job's event, as `u:<userId>` and `a:<anonymousId>`. */
function idsOf(event: Record<string, unknown>): string[] {
  const ids: string[] = [];
  if (typeof event.userId === 'string' && event.userId !== '') ids.push(`u:${event.userId}`);
  if (typeof event.anonymousId === 'string' && event.anonymousId !== '') ids.push(`a:${event.anonymousId}`);
  return ids;
}

/** The store did not answer (PostgreSQL down or unreachable): worth asking again. */
const isStoreAway = (error: unknown) => error instanceof FerryError && error.code === 'FERRY_ERR_STORE_UNAVAILABLE';

/** How long delivery waits before asking a store that did not answer again (doubling up to the maximum). */
const STORE_RETRY_MS = 250;
const STORE_RETRY_MAX_MS = 5_000;

export class DeliveryWorker {
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly inFlight = new Set<Promise<void>>();
  /** The ids (u:userId, a:anonymousId) of the jobs running now, with how many of them carry each. */
  private readonly busyIds = new Map<string, number>();
  /** Leased jobs waiting for a running job that shares one of their ids (see launch). */
  private held: LeasedJob[] = [];
  private wakeUp: (() => void) | undefined;
  private pausedReason: string | null = null;
  /** The jobs that end together are recorded in one store call. */
  private readonly finishes: FinishBatch;

  constructor(
    readonly destinationId: string,
    private readonly deps: WorkerDeps,
    private readonly options: WorkerOptions = DEFAULT_WORKER_OPTIONS,
  ) {
    this.finishes = new FinishBatch(deps.store);
  }

  start(pausedReason: string | null = null): void {
    this.pausedReason = pausedReason;
    this.deps.metrics?.destinationPaused.set({ destination: this.destinationId }, pausedReason ? 1 : 0);
    this.running = true;
    this.loopDone = this.loop().catch((error: unknown) => {
      this.deps.logger.error({ err: error, destination: this.destinationId }, 'delivery loop stopped by an error');
    });
  }

  /** New jobs may be due: stop sleeping. */
  wake(): void {
    this.wakeUp?.();
  }

  get paused(): string | null {
    return this.pausedReason;
  }

  /** Stops leasing, lets the requests in flight finish and record their outcome. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    // Jobs held back behind one that was running go back to the queue, as if never leased.
    const held = this.held;
    this.held = [];
    const now = new Date();
    for (const job of held) await this.deps.store.finishJob(job.id, { kind: 'release', nextAttemptAt: now }, now);
  }

  /**
   * Jobs to lease now: up to the target in flight (the fixed option, else the adaptive one), but free slots are filled
   * a few at a time (an eighth of the target), not one lease per finished job, as each lease is a store transaction.
   * Never 0 while nothing runs and the target allows one.
   */
  private slotsToLease(): number {
    if (this.pausedReason !== null) return 0;
    const concurrency = this.options.concurrency ?? this.deps.inFlightTarget?.() ?? STARTING_IN_FLIGHT;
    const busy = this.inFlight.size + this.held.length;
    const free = concurrency - busy;
    return free > 0 && (busy === 0 || free >= Math.ceil(concurrency / 8)) ? free : 0;
  }

  private async loop(): Promise<void> {
    let storeAway: number | undefined;
    while (this.running) {
      try {
        const capacity = this.slotsToLease();
        if (capacity > 0) {
          const jobs = await this.deps.store.leaseJobs(this.destinationId, capacity, this.options.leaseMs, new Date());
          for (const job of jobs) this.launch(job);
          if (storeAway !== undefined) this.deps.logger.info({ destination: this.destinationId }, 'the store answers again: delivering');
          storeAway = undefined;
          if (jobs.length === capacity) continue;
        }
        await this.idle();
      } catch (error) {
        // The store does not answer (PostgreSQL down): wait and ask again, a little longer each time; a defect stops.
        if (!isStoreAway(error)) throw error;
        if (storeAway === undefined) this.deps.logger.warn({ err: error, destination: this.destinationId }, 'the store does not answer: delivery waits for it');
        storeAway = Math.min((storeAway ?? STORE_RETRY_MS / 2) * 2, STORE_RETRY_MAX_MS);
        await sleep(storeAway);
      }
    }
  }

  private async idle(): Promise<void> {
    // Without slots to fill only a finished job frees some (and wakes the loop); a due job cannot be taken sooner.
    const due = this.slotsToLease() > 0 ? await this.deps.store.nextDueAt(this.destinationId) : undefined;
    const untilDue = due === undefined ? this.options.idlePollMs : Math.max(1, due.getTime() - Date.now());
    // A plain timer: an aborted promise timer builds an AbortError (a stack trace) on every wake.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.min(untilDue, this.options.idlePollMs));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
    this.wakeUp = undefined;
  }

  /**
   * R17 orders a person's jobs under their userId, else their anonymousId, so a lead that signs up has jobs in two
   * queues: its last anonymous calls, and the identify with both ids that converts it. A job sharing an id with a
   * running one waits for it here, so those never run at once (an identify of the lead racing its conversion would
   * try to turn the new user back into a lead).
   */
  private launch(job: LeasedJob): void {
    const ids = idsOf(job.event);
    if (ids.some((id) => this.busyIds.has(id))) {
      this.held.push(job);
      return;
    }
    for (const id of ids) this.busyIds.set(id, (this.busyIds.get(id) ?? 0) + 1);
    const run = this.run(job)
      .catch((error: unknown) => {
        // The lease expires and the job runs again: nothing is lost, but this is a defect worth a log line.
        this.deps.logger.error({ err: error, destination: this.destinationId, job: job.id }, 'failed to record a delivery');
      })
      .finally(() => {
        for (const id of ids) {
          const left = this.busyIds.get(id)! - 1;
          if (left === 0) this.busyIds.delete(id);
          else this.busyIds.set(id, left);
        }
        this.inFlight.delete(run);
        if (this.running) this.launchHeld();
        this.wake();
      });
    this.inFlight.add(run);
  }

  /** Held jobs in the order they were leased; those still blocked are held again. */
  private launchHeld(): void {
    if (this.held.length === 0) return;
    const waiting = this.held;
    this.held = [];
    for (const job of waiting) this.launch(job);
  }

  private async run(job: LeasedJob): Promise<void> {
    const startedAt = new Date();
    const route = this.deps.router.route(this.destinationId, job.mappingName);
    const execute = {
      client: this.deps.client, cache: this.deps.cache, destinationId: this.destinationId, settings: this.deps.settings,
      onlyProcess: this.deps.onlyProcess === true,
    };
    const record = (leased: LeasedJob, outcome: MappingOutcome) => this.record(leased, outcome, startedAt, route);
    if (route && this.deps.settings.coalesce !== false) {
      const plan = await this.runBehind(job, route);
      if (plan) {
        await deliverRun({ route, execute, record, release: (leased) => this.release(leased) }, plan);
        return;
      }
    }
    const outcome: MappingOutcome = route
      ? await executeRoute(route, job.event, execute)
      : {
          mapping: job.mappingName, action: 'unknown', status: 'rejected', warnings: [], requests: [],
          error: { message: `the mapping '${job.mappingName}' no longer exists` },
        };
    await record(job, outcome);
  }

  /** A backlog: the due jobs behind the head that its delivery may take along (undefined: none, deliver it alone). */
  private async runBehind(job: LeasedJob, route: CompiledRoute): Promise<RunPlan | undefined> {
    const head = headMember(route, job);
    if (head === undefined) return undefined;
    const behind = await this.deps.store.leaseRun(job.id, MAX_RUN, this.options.leaseMs, new Date());
    if (behind.length === 0) return undefined;
    const plan = planRun(route, head, behind);
    if (plan.members.length > 1) return plan;
    for (const leased of behind) await this.release(leased);
    return undefined;
  }

  private async release(job: LeasedJob): Promise<void> {
    const now = new Date();
    await this.saveResult(job.id, { kind: 'release', nextAttemptAt: now }, now);
  }

  private async record(job: LeasedJob, outcome: MappingOutcome, startedAt: Date, route: CompiledRoute | undefined): Promise<void> {
    const { logger, metrics } = this.deps;
    const now = new Date();
    const durationMs = now.getTime() - startedAt.getTime();
    metrics?.attemptSeconds.observe({ destination: this.destinationId }, durationMs / 1000);
    if (outcome.pauseDestination && route) {
      const title = route.destination.title;
      await this.pause(outcome.error?.message ?? `${title} refused the credentials`, title);
      await this.saveResult(job.id, { kind: 'release', nextAttemptAt: now }, now);
      return;
    }
    const result = jobResultFor(job, outcome, attemptRecord(outcome, startedAt, durationMs), now, this.deps.retry);
    await this.saveResult(job.id, result, now);
    const label = result.kind === 'finished' ? result.status : 'retrying';
    metrics?.jobs.inc({ destination: this.destinationId, outcome: label });
    const detail = { destination: this.destinationId, job: job.id, mapping: job.mappingName, person: job.personKey, outcome: label };
    if (label === 'rejected') logger.warn({ ...detail, error: result.kind === 'finished' ? result.attempt.error : undefined }, 'delivery rejected');
    else logger.debug(detail, 'delivery attempt');
  }

  /**
   * Records a job's outcome. While the store does not answer, asks again (250 ms doubling up to 5 s) for as long as
   * this worker runs: the job stays leased by this node meanwhile, and dropping the record would hold the person back
   * until the lease expires and then send the job a second time. A stopping worker gives up (the lease is this node's:
   * its next start takes it back).
   */
  private async saveResult(jobId: number, result: JobResult, now: Date): Promise<void> {
    for (let wait = STORE_RETRY_MS; ; wait = Math.min(wait * 2, STORE_RETRY_MAX_MS)) {
      try {
        await this.finishes.finish(jobId, result, now);
        return;
      } catch (error) {
        if (!isStoreAway(error) || !this.running) throw error;
        await sleep(wait);
      }
    }
  }

  private async pause(reason: string, title: string): Promise<void> {
    if (this.pausedReason !== null) return;
    this.pausedReason = reason;
    this.deps.metrics?.destinationPaused.set({ destination: this.destinationId }, 1);
    await this.deps.store.setDestinationPaused(this.destinationId, reason);
    this.deps.logger.error(
      { destination: this.destinationId, reason },
      `${title} refused the credentials: destination paused, its events wait until the credentials are fixed`,
    );
  }
}
