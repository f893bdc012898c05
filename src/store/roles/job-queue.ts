// The job queue role: what delivery workers need — lease a person's oldest due job, record its outcome, recover leases.

/** The closed set of delivery outcomes (R18); deliver reports them, the store keeps them as job states. */
export type OutcomeStatus = 'delivered' | 'delivered-with-warnings' | 'retrying' | 'rejected' | 'filtered';

export type JobState = 'pending' | 'leased' | OutcomeStatus;

/** One request a destination's client made and the answer it got, as an attempt records it. */
export interface HttpExchange {
  method: string;
  url: string;
  body?: unknown;
  status: number;
  response: unknown;
  durationMs: number;
}

export interface LeasedJob {
  id: number;
  destinationId: string;
  mappingName: string;
  personKey: string;
  event: Record<string, unknown>;
  eventReceivedAt: Date;
  /** When this job was queued (the event's arrival, or a replay): max age counts from here. */
  queuedAt: Date;
  /** Attempts made before this one. */
  attempts: number;
  /** When the first attempt may give up (R15's short window), if a previous attempt set one. */
  giveUpAt: Date | null;
}

export interface AttemptRecord {
  startedAt: Date;
  durationMs: number;
  status: OutcomeStatus;
  warnings: string[];
  error?: { code?: string; message: string };
  /** Redacted, size-capped exchanges with the destination. */
  requests: HttpExchange[];
}

/** What happens to a leased job after an attempt. */
export type JobResult =
  | { kind: 'finished'; status: 'delivered' | 'delivered-with-warnings' | 'rejected'; attempt: AttemptRecord }
  | { kind: 'retry'; nextAttemptAt: Date; giveUpAt: Date | null; attempt: AttemptRecord }
  /** The job did not really run (destination paused, shutting down): back to pending, no attempt counted. */
  | { kind: 'release'; nextAttemptAt: Date };

/** One job's result for `finishJobs`. */
export interface JobFinish {
  jobId: number;
  result: JobResult;
  now: Date;
}

export interface JobQueueStore {
  /**
   * Leases up to `limit` due jobs of a destination for `leaseMs`: only the oldest unfinished job of each person (R17),
   * never one of a person whose older job is still pending, leased or waiting to retry. Expired leases count as pending.
   */
  leaseJobs(destinationId: string, limit: number, leaseMs: number, now: Date): Promise<LeasedJob[]>;
  /**
   * For coalescing a backlog: leases the jobs right behind the leased head `headJobId` in its person's queue, in order,
   * while they are pending, due at `now` and of the head's mapping, up to `limit` (the first that is not ends the run).
   * They stay behind the head: finished after it, in order, or released. Nothing when the head is not leased.
   */
  leaseRun(headJobId: number, limit: number, leaseMs: number, now: Date): Promise<LeasedJob[]>;
  /** Records the attempt and moves the job on; a job no longer leased (finished or released already) is left alone. */
  finishJob(jobId: number, result: JobResult, now: Date): Promise<void>;
  /**
   * `finishJob` for each, in order: the worker records the jobs that end together at once. SQLite makes them one
   * transaction (one commit instead of one each); PostgreSQL records them one by one, each as finishJob.
   */
  finishJobs(finishes: readonly JobFinish[]): Promise<void>;
  /**
   * At start: takes back leases no live worker can hold, so a crashed process's jobs run again at once — this node's own
   * (a previous run of the same node died holding them) and every expired one, never a live lease of another node.
   * The embedded store has one node per data dir (a lock file guarantees it), so that is every lease. Returns how many.
   */
  recoverLeases(now: Date): Promise<number>;
  /** How many jobs are in each state (all destinations, or one), for metrics, tests and the overview. */
  jobStateCounts(destinationId?: string): Promise<Partial<Record<JobState, number>>>;
  /**
   * The earliest time a job of the destination may be leased — a person's oldest job becoming due, or a lease running
   * out (a crashed worker's job) — for the worker's sleep; in the past when a job is leasable now.
   */
  nextDueAt(destinationId: string): Promise<Date | undefined>;
}
