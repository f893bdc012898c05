// The Store: one interface for everything ferry keeps (config, events, jobs, attempts, identities); SQLite and
// PostgreSQL implement it, and one contract test suite runs against both.
import type { DestinationConfig, FerryConfig, SourceConfig } from '../config/model.js';
import type { IdentityCache } from '../destinations/kit/identity-cache.js';
import type { Exchange } from '../destinations/kit/exchange.js';
import type { OutcomeStatus } from '../deliver/outcome.js';

/** A job for one (destination, mapping) of one event; `mappingName` null = no mapping matched (recorded as filtered). */
export interface NewJob {
  destinationId: string;
  mappingName: string | null;
  /** The mapping's action key when routed (kept on the job: a mapping may be renamed or re-pointed later). */
  action?: string;
}

export interface NewEvent {
  sourceId: string;
  messageId: string;
  /** R17: userId if present, else anonymousId. */
  personKey: string;
  type: string;
  /** The normalized Segment event, stored as JSON. */
  event: Record<string, unknown>;
  receivedAt: Date;
  jobs: NewJob[];
}

export interface InsertResult {
  /** Events stored (with their jobs). */
  inserted: number;
  /** Events skipped because their messageId was seen from the same source within 24 h. */
  duplicates: number;
}

export type JobState = 'pending' | 'leased' | OutcomeStatus;

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
  /** Redacted, size-capped Intercom exchanges. */
  requests: Exchange[];
}

/** What happens to a leased job after an attempt. */
export type JobResult =
  | { kind: 'finished'; status: 'delivered' | 'delivered-with-warnings' | 'rejected'; attempt: AttemptRecord }
  | { kind: 'retry'; nextAttemptAt: Date; giveUpAt: Date | null; attempt: AttemptRecord }
  /** The job did not really run (destination paused, shutting down): back to pending, no attempt counted. */
  | { kind: 'release'; nextAttemptAt: Date };

export interface RetentionSettings {
  /** Attempts of delivered jobs are kept this long; default 7 days. */
  deliveredMs: number;
  /** Attempts of rejected jobs are kept this long; default 30 days. */
  failedMs: number;
}

export interface StoredDestination extends DestinationConfig {
  /** Set while Intercom refuses the credentials (401/403): the destination's jobs wait. */
  pausedReason: string | null;
}

export interface DeliveryFilter {
  destinationId: string;
  /**
   * States to include: 'pending' waits for its first attempt, 'retrying' is pending after a failed one, 'leased' is
   * being attempted; the rest are finished.
   */
  states?: JobState[];
  /** false: only jobs no replay was made of yet (what a bulk replay picks). */
  replayed?: boolean;
  action?: string;
  mapping?: string;
  /** userId or anonymousId. */
  person?: string;
  /** Queued at or after / before. */
  from?: Date;
  to?: Date;
  /** Page size (default 50, at most 500) and the cursor from a previous page (newest first). */
  limit?: number;
  cursor?: string;
}

export interface DeliverySummary {
  id: number;
  destinationId: string;
  mappingName: string | null;
  action: string | null;
  personKey: string;
  eventType: string;
  messageId: string;
  state: JobState;
  attempts: number;
  queuedAt: Date;
  finishedAt: Date | null;
  nextAttemptAt: Date | null;
  lastError: { code?: string; message: string } | null;
  warnings: string[];
  /** The newest job replaying this one, if any. */
  replayedBy: number | null;
}

export interface StoredAttempt extends AttemptRecord {
  attemptNo: number;
}

export interface DeliveryDetail extends DeliverySummary {
  event: Record<string, unknown>;
  attemptsDetail: StoredAttempt[];
  /** The job this one replays, if it is a replay. */
  replayOf: number | null;
}

export interface StatsBucket {
  /** Start of the minute or hour. */
  start: Date;
  counts: Partial<Record<JobState, number>>;
}

export interface DeleteOptions {
  /** Delete even when unfinished deliveries would be dropped. */
  force?: boolean;
}

export interface Store {
  /**
   * Applies a config file in one transaction: upserts sources, destinations and mappings (idempotent; nothing absent
   * from the config is deleted). A destination's mappings become the config's list; without `mappings` it keeps none
   * and lists without them (the presets apply). A pause survives a re-apply unless the destination's settings changed.
   */
  applyConfig(config: FerryConfig): Promise<void>;
  listSources(): Promise<SourceConfig[]>;
  findSourceByWriteKey(writeKey: string): Promise<SourceConfig | undefined>;
  listDestinations(): Promise<StoredDestination[]>;
  setDestinationPaused(destinationId: string, reason: string | null): Promise<void>;

  /** Stores events and their jobs in one transaction; an event whose messageId was seen (same source, 24 h) is skipped. */
  insertEvents(events: NewEvent[]): Promise<InsertResult>;

  /**
   * Leases up to `limit` due jobs of a destination for `leaseMs`: only the oldest unfinished job of each person (R17),
   * never one of a person whose older job is still pending, leased or waiting to retry. Expired leases count as pending.
   */
  leaseJobs(destinationId: string, limit: number, leaseMs: number, now: Date): Promise<LeasedJob[]>;
  /** Records the attempt and moves the job on; a job no longer leased (finished or released already) is left alone. */
  finishJob(jobId: number, result: JobResult, now: Date): Promise<void>;
  /**
   * At start: takes back leases no live worker can hold, so a crashed process's jobs run again at once. The embedded
   * store has one process per data dir (a lock file guarantees it), so that is every lease; a shared store takes back
   * expired ones only. Returns how many.
   */
  recoverLeases(now: Date): Promise<number>;
  /** How many jobs are in each state (all destinations, or one), for metrics, tests and the overview. */
  jobStateCounts(destinationId?: string): Promise<Partial<Record<JobState, number>>>;
  /**
   * The earliest time a job of the destination may be leased — a person's oldest job becoming due, or a lease running
   * out (a crashed worker's job) — for the worker's sleep; in the past when a job is leasable now.
   */
  nextDueAt(destinationId: string): Promise<Date | undefined>;

  // --- the control plane (admin API) ---
  /** Creates or updates one source; a writeKey another source holds is refused (FerryError FERRY_ERR_CONFLICT, 409). */
  upsertSource(source: SourceConfig): Promise<void>;
  /**
   * Deletes a source with its events, their jobs (every destination's) and its messageIds; false when absent. While
   * any of those jobs is unfinished (pending, leased, retrying) it refuses with FERRY_ERR_CONFLICT (409), unless
   * `force`: then they are dropped too.
   */
  deleteSource(id: string, options?: DeleteOptions): Promise<boolean>;
  /**
   * Settings are stored as given (the store encrypts secrets at rest itself; without a secret key it refuses to store
   * one, FERRY_ERR_SECRET). `mappings` absent = presets. New settings clear a pause, the same ones keep it.
   */
  upsertDestination(destination: DestinationConfig): Promise<void>;
  /**
   * Deletes a destination with its mappings, jobs, attempts and identity cache; false when absent. Refuses while it has
   * unfinished jobs (FERRY_ERR_CONFLICT, 409) unless `force`.
   */
  deleteDestination(id: string, options?: DeleteOptions): Promise<boolean>;
  /** Small named values ferry keeps for itself (the admin token's hash, ...). Not encrypted: no secrets here. */
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  /**
   * Records a single-use key (an OAuth state nonce) until `expiresAt`; false when it is recorded already. Expired keys
   * are purged (and would be accepted again: the caller refuses expired states itself).
   */
  useOnce(key: string, expiresAt: Date): Promise<boolean>;

  listDeliveries(filter: DeliveryFilter): Promise<{ items: DeliverySummary[]; nextCursor?: string }>;
  getDelivery(jobId: number): Promise<DeliveryDetail | undefined>;
  /**
   * Queues new jobs for the same events and mappings (the originals keep their history), due `now`, behind the
   * person's unfinished jobs, in the originals' order; returns the new ids. Skips ids that are unknown, unfinished,
   * filtered (no mapping) or already being replayed by an unfinished job.
   */
  replayDeliveries(jobIds: number[], now: Date): Promise<number[]>;
  /**
   * Job counts per minute or hour since `from`, oldest first, buckets without jobs left out: finished jobs by the time
   * they finished (counted once, so a later purge of the jobs does not change them), unfinished ones by the time they
   * were queued, as 'pending', 'leased' or 'retrying'.
   */
  deliveryStats(destinationId: string, from: Date, bucket: 'minute' | 'hour'): Promise<StatsBucket[]>;

  /** The persistent identity cache (R16). */
  identityCache(): IdentityCache;

  /** Deletes attempts past retention, finished jobs and events no job needs, and messageIds older than 24 h. */
  purge(now: Date, retention: RetentionSettings): Promise<void>;
  close(): Promise<void>;
}
