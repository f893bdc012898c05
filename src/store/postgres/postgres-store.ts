// The shared Store on PostgreSQL (node-postgres pool): every role, for several ferry processes on one database.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { DestinationConfig, FerryConfig, SourceConfig } from '../../config/model.js';
import { SettingsSealer, type SecretSettingsOf } from '../settings-secrets.js';
import type {
  AdminSession, DeleteOptions, DeliveryFilter, ErasureRecord, IdentityCache, JobFinish, JobResult, NewEvent, PersonIdentifier,
  PersonIdentifierKind, RetentionSettings, Store, StoreChannel,
} from '../types.js';
import { ConfigTables } from './config-tables.js';
import { ControlTables } from './control-tables.js';
import { DeliveryLog } from './delivery-log.js';
import { DeliveryReplay } from './delivery-replay.js';
import { EventTables } from './event-tables.js';
import { PostgresIdentityCache } from './identity-cache.js';
import { JobQueue } from './job-queue.js';
import { migratePostgres } from './migrate.js';
import { Notifications } from './notifications.js';
import { PeopleTables } from './people-tables.js';
import { createPool } from './pool.js';
import { Purger } from './purge.js';
import { PostgresRateBudget } from './rate-budgets.js';

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database (any libpq-style URL node-postgres reads). */
  url: string;
  /** 32 bytes (FERRY_SECRET_KEY): encrypts secret settings at rest; without it the store refuses to store a secret. */
  secretKey?: Buffer;
  /** Which settings of each destination type are secrets (the destination registry's answer). */
  secretSettings?: SecretSettingsOf;
  /** Connections this process keeps at most; default 10. */
  poolSize?: number;
  /**
   * This process's node id (ferry keeps it in the data dir's `node-id`): leases record it, and `recoverLeases` takes
   * back at once those of a previous run with the same id. Default: a new random id (leases of no previous run).
   */
  nodeId?: string;
}

/** Migrates the database (under the migration lock), then opens a pool on it. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  await migratePostgres(options.url);
  const sealer = new SettingsSealer(options.secretKey, options.secretSettings);
  const pool = createPool({ url: options.url, ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }) });
  return new PostgresStore(pool, sealer, options.nodeId ?? randomUUID());
}

// One class (or two, for the delivery log) per role; the methods below are grouped the same way.
export class PostgresStore implements Store {
  private readonly config;
  private readonly control;
  private readonly events;
  private readonly jobs;
  private readonly deliveryLog;
  private readonly replays;
  private readonly identities;
  private readonly purger;
  private readonly people;
  private readonly notifications;
  private readonly rateBudget;
  private closed = false;

  /** The pool itself, for PostgreSQL-specific tests and tools; the pipeline uses the Store methods only. */
  constructor(readonly pool: pg.Pool, sealer: SettingsSealer, readonly nodeId: string = randomUUID()) {
    this.config = new ConfigTables(pool, sealer);
    this.control = new ControlTables(pool);
    this.events = new EventTables(pool);
    this.jobs = new JobQueue(pool, nodeId);
    this.deliveryLog = new DeliveryLog(pool);
    this.replays = new DeliveryReplay(pool);
    this.identities = new PostgresIdentityCache(pool);
    this.purger = new Purger(pool);
    this.people = new PeopleTables(pool);
    this.notifications = new Notifications(pool);
    this.rateBudget = new PostgresRateBudget(pool);
  }

  // --- rate budget (shared by every node) ---
  sharedRateBudget() { return this.rateBudget; }

  // --- config ---
  applyConfig(config: FerryConfig) { return this.config.applyConfig(config); }
  listSources() { return this.config.listSources(); }
  findSourceByWriteKey(writeKey: string) { return this.config.findSourceByWriteKey(writeKey); }
  listDestinations() { return this.config.listDestinations(); }
  setDestinationPaused(destinationId: string, reason: string | null) { return this.config.setDestinationPaused(destinationId, reason); }

  // --- control ---
  upsertSource(source: SourceConfig) { return this.config.upsertSource(source); }
  deleteSource(id: string, options?: DeleteOptions) { return this.control.deleteSource(id, options); }
  upsertDestination(destination: DestinationConfig) { return this.config.upsertDestination(destination); }
  deleteDestination(id: string, options?: DeleteOptions) { return this.control.deleteDestination(id, options); }
  getSetting(key: string) { return this.control.getSetting(key); }
  setSetting(key: string, value: string) { return this.control.setSetting(key, value); }
  useOnce(key: string, expiresAt: Date) { return this.control.useOnce(key, expiresAt); }
  createSession(session: AdminSession) { return this.control.createSession(session); }
  findSession(idHash: string, now?: Date) { return this.control.findSession(idHash, now); }
  deleteSession(idHash: string) { return this.control.deleteSession(idHash); }

  // --- events ---
  async insertEvents(events: NewEvent[]) {
    const result = await this.events.insertEvents(events);
    if (result.inserted > 0) this.notifications.jobsQueued();
    return result;
  }

  // --- job queue ---
  leaseJobs(destinationId: string, limit: number, leaseMs: number, now: Date) {
    return this.jobs.leaseJobs(destinationId, limit, leaseMs, now);
  }
  leaseRun(headJobId: number, limit: number, leaseMs: number, now: Date) {
    return this.jobs.leaseRun(headJobId, limit, leaseMs, now);
  }
  finishJob(jobId: number, result: JobResult, now: Date) { return this.jobs.finishJob(jobId, result, now); }
  finishJobs(finishes: readonly JobFinish[]) { return this.jobs.finishJobs(finishes); }
  recoverLeases(now: Date) { return this.jobs.recoverLeases(now); }
  jobStateCounts(destinationId?: string) { return this.jobs.jobStateCounts(destinationId); }
  nextDueAt(destinationId: string) { return this.jobs.nextDueAt(destinationId); }

  // --- delivery log ---
  listDeliveries(filter: DeliveryFilter) { return this.deliveryLog.listDeliveries(filter); }
  getDelivery(jobId: number) { return this.deliveryLog.getDelivery(jobId); }
  async replayDeliveries(jobIds: number[], now: Date) {
    const created = await this.replays.replayDeliveries(jobIds, now);
    if (created.length > 0) this.notifications.jobsQueued();
    return created;
  }
  deliveryStats(destinationId: string, from: Date, bucket: 'minute' | 'hour') { return this.replays.deliveryStats(destinationId, from, bucket); }
  listSourceEvents(sourceId: string, page?: { limit?: number; before?: number }) { return this.deliveryLog.listSourceEvents(sourceId, page); }

  // --- identity cache ---
  identityCache(): IdentityCache { return this.identities; }

  // --- retention ---
  purge(now: Date, retention: RetentionSettings) { return this.purger.purge(now, retention); }

  // --- people ---
  erasePersonData(person: PersonIdentifier) { return this.people.erasePersonData(person); }
  addSuppression(kind: PersonIdentifierKind, hash: string, now: Date) { return this.people.addSuppression(kind, hash, now); }
  listSuppressions() { return this.people.listSuppressions(); }
  deleteSuppression(id: number) { return this.people.deleteSuppression(id); }
  recordErasure(record: Omit<ErasureRecord, 'id'>) { return this.people.recordErasure(record); }
  listErasures(limit?: number) { return this.people.listErasures(limit); }

  // --- notifications: LISTEN/NOTIFY ---
  publish(channel: StoreChannel) { return this.notifications.publish(channel); }
  subscribe(channel: StoreChannel, handler: () => void) { return this.notifications.subscribe(channel, handler); }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.notifications.close();
    await this.pool.end();
  }
}
