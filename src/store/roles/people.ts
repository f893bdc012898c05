// The people role (R23): erasing a person's data, the suppressions that keep their later events out, and the erasure log.

/** The identifiers a person is erased or suppressed by; Segment's userId and anonymousId, or an email. */
export type PersonIdentifierKind = 'userId' | 'anonymousId' | 'email';

/** Exactly one identifier: what an erasure matches ferry's copies with. */
export interface PersonIdentifier {
  kind: PersonIdentifierKind;
  value: string;
}

/** What an erasure removed from ferry's own copies. */
export interface ErasedCounts {
  events: number;
  jobs: number;
  attempts: number;
  /** Identity cache entries (contact keys and company attachments). */
  identities: number;
}

export interface Suppression {
  id: number;
  kind: PersonIdentifierKind;
  /** HMAC-SHA256 (hex) of the identifier with the data dir's secret key: never the identifier itself. */
  hash: string;
  createdAt: Date;
}

/** What became of the person at one destination. */
export interface ErasureAtDestination {
  destinationId: string;
  status: 'deleted' | 'not-found' | 'credentials-refused' | 'failed' | 'skipped';
  /** The destination's last HTTP answer, when there was one. */
  httpStatus?: number;
  /** Why it failed or was skipped (never the person's identifiers). */
  reason?: string;
}

/** One erasure as the log keeps it: no personal data, only what was done and by whom. */
export interface ErasureRecord {
  id: number;
  at: Date;
  /** Who asked: 'admin' (the admin API) or 'cli' (ferry delete-person). */
  actor: string;
  /** Which identifier it was asked with (its kind only). */
  identifierKind: PersonIdentifierKind;
  destinations: ErasureAtDestination[];
  deleted: ErasedCounts;
  /** The suppression it recorded (or found already recorded). */
  suppressionId: number | null;
}

export interface PeopleStore {
  /**
   * Deletes every stored event of the person (userId / anonymousId: the event's own field or its person key; email:
   * any string value of the event equal to it, case-insensitively), their jobs of every destination (finished or not)
   * with their attempts, and the identity cache entries of the identifier and of the contacts those pointed at. Jobs
   * of other people are left in order (R17). Deleted content is overwritten in the database files, not only unlinked.
   */
  erasePersonData(person: PersonIdentifier): Promise<ErasedCounts>;
  /** Records a suppression (the hash computed by the caller); the one already recorded for the hash is returned. */
  addSuppression(kind: PersonIdentifierKind, hash: string, now: Date): Promise<Suppression>;
  listSuppressions(): Promise<Suppression[]>;
  /** Lifts a suppression; false when there was none with this id. */
  deleteSuppression(id: number): Promise<boolean>;
  /** Logs an erasure; the store gives it its id. */
  recordErasure(record: Omit<ErasureRecord, 'id'>): Promise<ErasureRecord>;
  /** Newest first, at most `limit` (default 100). */
  listErasures(limit?: number): Promise<ErasureRecord[]>;
}
