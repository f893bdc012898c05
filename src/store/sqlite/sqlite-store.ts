// The embedded Store: one SQLite file (better-sqlite3, WAL); statements are prepared once, at open.
import type Database from 'better-sqlite3';
import type { DestinationConfig, FerryConfig, SourceConfig } from '../../config/model.js';
import { SettingsSealer, type SecretSettingsOf } from '../settings-secrets.js';
import type {
  AdminSession, DeleteOptions, DeliveryFilter, ErasureRecord, IdentityCache, InsertResult, JobFinish, JobResult, NewEvent,
  PersonIdentifier,
  PersonIdentifierKind, RetentionSettings, Store, StoreChannel,
} from '../types.js';
import { ConfigRows } from './config-rows.js';
import { ConfigTables } from './config-tables.js';
import { connect, type SqliteConnectOptions, type SynchronousMode } from './connect.js';
import { ControlTables } from './control-tables.js';
import { SessionTables } from './session-tables.js';
import { DeliveryLog } from './delivery-log.js';
import { DeliveryReplay } from './delivery-replay.js';
import { DeliveryStats } from './delivery-stats.js';
import { EventTables, toEventColumns } from './event-tables.js';
import { SqliteIdentityCache } from './identity-cache.js';
import { JobQueue, leasedJobOf, type LeasedRow } from './job-queue.js';
import { PeopleTables } from './people-tables.js';
import { Purger } from './purge.js';
import { SourceEvents } from './source-events.js';
import { WriterThread } from './writer-thread.js';

export interface SqliteStoreOptions extends SqliteConnectOptions {
  /** 32 bytes (FERRY_SECRET_KEY): encrypts secret settings at rest; without it the store refuses to store a secret. */
  secretKey?: Buffer;
  /** Which settings of each destination type are secrets (the destination registry's answer). */
  secretSettings?: SecretSettingsOf;
  /**
   * Event inserts and the job queue's leases and outcomes on a worker thread with its own connection (a file only):
   * what `ferry start` uses, so HTTP and JSON work overlap the SQLite work. Off: everything on the caller's thread.
   */
  writerThread?: boolean;
}

/** Opens (creating and migrating when needed) the store in `options.file`. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const sealer = new SettingsSealer(options.secretKey, options.secretSettings);
  const db = connect(options);
  const synchronous = options.synchronous ?? 'FULL';
  const writer = options.writerThread && options.file !== ':memory:'
    ? new WriterThread({ file: options.file, synchronous, busyTimeoutMs: options.busyTimeoutMs ?? 5_000 })
    : undefined;
  return new SqliteStore(db, synchronous, sealer, writer);
}

// better-sqlite3 is synchronous; the async methods keep the Store's role interfaces, which a networked store needs.
// One class (or a few, for the delivery log) per role; the methods below are grouped the same way.
export class SqliteStore implements Store {
  private readonly config;
  private readonly control;
  private readonly sessions;
  private readonly events;
  private readonly jobs;
  private readonly deliveryLog;
  private readonly replays;
  private readonly stats;
  private readonly sourceEvents;
  private readonly identities;
  private readonly purger;
  private readonly people;

  /** The connection itself, for SQLite-specific tests and tools; the pipeline uses the Store methods only. */
  constructor(
    readonly db: Database.Database,
    /** The durability of event inserts (see SqliteConnectOptions.synchronous); everything else commits NORMAL. */
    private readonly ingestSynchronous: SynchronousMode = 'FULL',
    /** Seals secret settings; the default has no key, so it refuses to store one. */
    sealer = new SettingsSealer(undefined),
    /** When set, event inserts, leases and outcomes are written by this thread's own connection. */
    private readonly writer?: WriterThread,
  ) {
    const rows = new ConfigRows(db, sealer);
    this.config = new ConfigTables(db, rows);
    this.control = new ControlTables(db, rows);
    this.sessions = new SessionTables(db);
    this.events = new EventTables(db);
    this.jobs = new JobQueue(db);
    this.deliveryLog = new DeliveryLog(db);
    this.replays = new DeliveryReplay(db);
    this.stats = new DeliveryStats(db);
    this.sourceEvents = new SourceEvents(db);
    this.identities = new SqliteIdentityCache(db);
    this.purger = new Purger(db);
    this.people = new PeopleTables(db);
  }

  // --- config ---
  async applyConfig(config: FerryConfig) {
    this.config.applyConfig(config);
  }

  async listSources() {
    return this.config.listSources();
  }

  async findSourceByWriteKey(writeKey: string) {
    return this.config.findSourceByWriteKey(writeKey);
  }

  async listDestinations() {
    return this.config.listDestinations();
  }

  async setDestinationPaused(destinationId: string, reason: string | null) {
    this.config.setDestinationPaused(destinationId, reason);
  }

  // --- control ---
  async upsertSource(source: SourceConfig) {
    this.control.upsertSource(source);
  }

  async deleteSource(id: string, options?: DeleteOptions) {
    return this.control.deleteSource(id, options);
  }

  async upsertDestination(destination: DestinationConfig) {
    this.control.upsertDestination(destination);
  }

  async deleteDestination(id: string, options?: DeleteOptions) {
    return this.control.deleteDestination(id, options);
  }

  async getSetting(key: string) {
    return this.control.getSetting(key);
  }

  async setSetting(key: string, value: string) {
    this.control.setSetting(key, value);
  }

  async useOnce(key: string, expiresAt: Date) {
    return this.control.useOnce(key, expiresAt);
  }

  async createSession(session: AdminSession) {
    this.sessions.createSession(session);
  }

  async findSession(idHash: string, now?: Date) {
    return this.sessions.findSession(idHash, now);
  }

  async deleteSession(idHash: string) {
    return this.sessions.deleteSession(idHash);
  }

  // --- events ---
  /**
   * One writer at a time: a commit of 200 events (about 5 ms with its fsync on a VM disk) is the longest the
   * delivery's leases and outcomes wait behind ingest; a bigger group costs them more than its fsync saves.
   */
  readonly maxEventsPerCommit = 200;

  async insertEvents(events: NewEvent[]) {
    if (this.writer) return this.writer.call<InsertResult>('insertEvents', toEventColumns(events));
    if (this.ingestSynchronous === 'NORMAL') return this.events.insertEvents(events);
    this.db.pragma('synchronous = FULL');
    try {
      return this.events.insertEvents(events);
    } finally {
      this.db.pragma('synchronous = NORMAL');
    }
  }

  // --- job queue ---
  async leaseJobs(destinationId: string, limit: number, leaseMs: number, now: Date) {
    if (this.writer) return (await this.writer.call<LeasedRow[]>('leaseRows', destinationId, limit, leaseMs, now)).map(leasedJobOf);
    return this.jobs.leaseJobs(destinationId, limit, leaseMs, now);
  }

  async leaseRun(headJobId: number, limit: number, leaseMs: number, now: Date) {
    if (this.writer) return (await this.writer.call<LeasedRow[]>('leaseRunRows', headJobId, limit, leaseMs, now)).map(leasedJobOf);
    return this.jobs.leaseRun(headJobId, limit, leaseMs, now);
  }

  async finishJob(jobId: number, result: JobResult, now: Date) {
    if (this.writer) return this.writer.call<void>('finishJob', jobId, result, now);
    this.jobs.finishJob(jobId, result, now);
  }

  async finishJobs(finishes: readonly JobFinish[]) {
    if (this.writer) return this.writer.call<void>('finishJobs', finishes);
    this.jobs.finishJobs(finishes);
  }

  async recoverLeases(_now: Date) {
    return this.jobs.recoverLeases();
  }

  async jobStateCounts(destinationId?: string) {
    return this.jobs.jobStateCounts(destinationId);
  }

  async nextDueAt(destinationId: string) {
    return this.jobs.nextDueAt(destinationId);
  }

  // --- delivery log ---
  async listDeliveries(filter: DeliveryFilter) {
    return this.deliveryLog.listDeliveries(filter);
  }

  async getDelivery(jobId: number) {
    return this.deliveryLog.getDelivery(jobId);
  }

  async replayDeliveries(jobIds: number[], now: Date) {
    return this.replays.replayDeliveries(jobIds, now);
  }

  async deliveryStats(destinationId: string, from: Date, bucket: 'minute' | 'hour') {
    return this.stats.deliveryStats(destinationId, from, bucket);
  }

  async listSourceEvents(sourceId: string, page?: { limit?: number; before?: number }) {
    return this.sourceEvents.listSourceEvents(sourceId, page);
  }

  // --- identity cache ---
  identityCache(): IdentityCache {
    return this.identities;
  }

  // --- retention ---
  async purge(now: Date, retention: RetentionSettings) {
    await this.purger.purge(now, retention);
  }

  // --- people ---
  async erasePersonData(person: PersonIdentifier) {
    return this.people.erasePersonData(person);
  }

  async addSuppression(kind: PersonIdentifierKind, hash: string, now: Date) {
    return this.people.addSuppression(kind, hash, now);
  }

  async listSuppressions() {
    return this.people.listSuppressions();
  }

  async deleteSuppression(id: number) {
    return this.people.deleteSuppression(id);
  }

  async recordErasure(record: Omit<ErasureRecord, 'id'>) {
    return this.people.recordErasure(record);
  }

  async listErasures(limit?: number) {
    return this.people.listErasures(limit);
  }

  // --- notifications: one process per data dir, no one else to tell ---
  async publish(_channel: StoreChannel): Promise<void> {}

  async subscribe(_channel: StoreChannel, _handler: () => void): Promise<() => void> {
    return () => undefined;
  }

  async close() {
    if (!this.db.open) return;
    await this.writer?.close();
    this.db.pragma('optimize');
    this.db.close();
  }
}
