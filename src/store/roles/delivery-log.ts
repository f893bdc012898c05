// The delivery log role: what the admin API shows of deliveries — pages, one delivery's attempts, replays, stats.
import type { AttemptRecord, JobState } from './job-queue.js';

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

/** One delivery of a source's event, as the source's live view shows it. */
export interface SourceEventDelivery {
  id: number;
  destinationId: string;
  /** null: no mapping matched (filtered). */
  mappingName: string | null;
  action: string | null;
  state: JobState;
}

/** A stored event of a source with every delivery made of it (replays included), oldest delivery first. */
export interface SourceEvent {
  id: number;
  messageId: string;
  type: string;
  receivedAt: Date;
  /** The normalized Segment event as stored. */
  event: Record<string, unknown>;
  deliveries: SourceEventDelivery[];
}

export interface DeliveryLogStore {
  /**
   * A source's events, newest first (by arrival): at most `limit` (1..500, default 50), older than event `before` when
   * given; `nextBefore` is the id to ask for the next page with, absent on the last one.
   */
  listSourceEvents(sourceId: string, page?: { limit?: number; before?: number }): Promise<{ events: SourceEvent[]; nextBefore?: number }>;

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
}
