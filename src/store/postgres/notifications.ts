// LISTEN/NOTIFY between the processes sharing the database: one dedicated connection listens; publishing is a NOTIFY.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { StoreChannel } from '../types.js';
import { query } from './pool.js';

const CHANNELS: Record<StoreChannel, string> = { 'jobs-queued': 'ferry_jobs_queued', 'config-changed': 'ferry_config_changed' };
const CHANNEL_OF = new Map(Object.entries(CHANNELS).map(([channel, name]) => [name, channel as StoreChannel]));
/** jobs-queued at most once per this many ms per process (NOTIFY serializes commits database-wide); the last is never lost. */
const JOBS_QUEUED_EVERY_MS = 20;
const RECONNECT_MS = 250;
const RECONNECT_MAX_MS = 5_000;

export class Notifications {
  /** Tells this process's own notifications from the others' (the payload of each NOTIFY). */
  private readonly self = randomUUID();
  private readonly handlers = new Map<StoreChannel, Set<() => void>>();
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  private retryMs = RECONNECT_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private throttle: NodeJS.Timeout | undefined;
  private queuedMeanwhile = false;
  private closed = false;

  constructor(private readonly pool: pg.Pool) {}

  async publish(channel: StoreChannel): Promise<void> {
    await query(this.pool, 'SELECT pg_notify($1, $2)', [CHANNELS[channel], this.self]);
  }

  /** New jobs were committed: wakes the other nodes' workers, leading edge at once, then at most every 20 ms. */
  jobsQueued(): void {
    if (this.closed) return;
    if (this.throttle !== undefined) {
      this.queuedMeanwhile = true;
      return;
    }
    // Not told: the others' idle poll finds the jobs anyway.
    this.publish('jobs-queued').catch(() => undefined);
    this.throttle = setTimeout(() => {
      this.throttle = undefined;
      if (!this.queuedMeanwhile) return;
      this.queuedMeanwhile = false;
      this.jobsQueued();
    }, JOBS_QUEUED_EVERY_MS);
    this.throttle.unref();
  }

  async subscribe(channel: StoreChannel, handler: () => void): Promise<() => void> {
    const set = this.handlers.get(channel) ?? new Set();
    this.handlers.set(channel, set);
    set.add(handler);
    this.listening ??= this.listen(false);
    await this.listening;
    return () => set.delete(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.throttle);
    clearTimeout(this.retryTimer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** Connects and LISTENs on every channel; a lost connection is opened again (doubling waits), then handlers run once. */
  private async listen(again: boolean): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ ...this.pool.options });
    const lost = () => {
      if (this.listener !== client || this.closed) return;
      this.listener = undefined;
      client.end().catch(() => undefined);
      this.retryTimer = setTimeout(() => void this.listen(true), this.retryMs);
      this.retryTimer.unref();
      this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      const channel = CHANNEL_OF.get(message.channel);
      if (channel !== undefined && message.payload !== this.self) this.emit(channel);
    });
    this.listener = client;
    try {
      await client.connect();
      await client.query(Object.values(CHANNELS).map((name) => `LISTEN ${name}`).join('; '));
    } catch {
      lost();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.retryMs = RECONNECT_MS;
    if (again) for (const channel of this.handlers.keys()) this.emit(channel);
  }

  private emit(channel: StoreChannel): void {
    for (const handler of this.handlers.get(channel) ?? []) handler();
  }
}
