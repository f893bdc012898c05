// The events role: what ingest writes — events and their jobs, deduplicated by messageId, in one transaction.

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

export interface EventStore {
  /** Stores events and their jobs in one transaction; an event whose messageId was seen (same source, 24 h) is skipped. */
  insertEvents(events: NewEvent[]): Promise<InsertResult>;
  /**
   * Most events ingest should give one insertEvents call when requests share a commit. A store whose commit holds
   * other writers back (SQLite: one writer, the delivery's leases and outcomes wait behind it) keeps it small;
   * absent, ingest's default.
   */
  readonly maxEventsPerCommit?: number;
}
