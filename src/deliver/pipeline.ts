// The delivery side of ferry: one worker per destination, one client each, one rate pacer per account (shared by the
// nodes of one database when the store offers a shared budget).
import type { Destination } from '../destinations/kit/define-destination.js';
import { EndpointRefusedError, type EndpointPolicy } from '../destinations/kit/endpoint-policy.js';
import type { DestinationClient } from '../destinations/kit/exchange.js';
import type { Router } from '../subscriptions/router.js';
import type { IdentityStore, RetentionSettings, RetentionStore, SharedRateBudgetStore, StoredDestination } from '../store/types.js';
import type { Logger } from '../telemetry/logger.js';
import type { Metrics } from '../telemetry/metrics.js';
import { RatePacer, type Pacer } from './pacer.js';
import { SharedRatePacer } from './shared-pacer.js';
import { PacedClient } from './paced-client.js';
import { DEFAULT_WORKER_OPTIONS, DeliveryWorker, type WorkerOptions, type WorkerStore } from './worker.js';
import { DEFAULT_MAX_CONCURRENCY, targetInFlight } from './concurrency.js';

export const DEFAULT_RETENTION: RetentionSettings = { deliveredMs: 7 * 86_400_000, failedMs: 30 * 86_400_000 };
const PURGE_EVERY_MS = 10 * 60_000;

export interface PipelineDeps {
  /** The workers' roles, the identity cache they share, and the periodic purge. */
  store: WorkerStore & IdentityStore & RetentionStore & Partial<SharedRateBudgetStore>;
  router: Router;
  logger: Logger;
  metrics?: Metrics;
  worker?: Partial<WorkerOptions>;
  retention?: RetentionSettings;
  /** Where credentials may go (R22); a destination whose endpoint it refuses is paused with the reason. */
  endpointPolicy: EndpointPolicy;
}

export class DeliveryPipeline {
  private workers = new Map<string, DeliveryWorker>();
  private clients: DestinationClient[] = [];
  private purgeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: PipelineDeps) {}

  /**
   * Starts a worker for every enabled destination that has credentials. One whose endpoint the policy refuses gets no
   * worker: it is paused with the reason (its events wait) until its settings or the operator's policy change.
   */
  async start(destinations: readonly StoredDestination[]): Promise<void> {
    const pacers = new Map<string, Pacer>();
    // Several nodes on one database share each account's budget through it; one node paces itself in memory.
    const shared = this.deps.store.sharedRateBudget?.();
    const pacerFor = (key: string): Pacer => (shared ? new SharedRatePacer(shared, key) : new RatePacer());
    const cache = this.deps.store.identityCache();
    for (const destination of destinations) {
      const definition = this.deps.router.registry.get(destination.type);
      if (!destination.enabled || !definition.hasCredentials(destination.settings)) continue;
      const client = await this.clientFor(definition, destination);
      if (client === undefined) continue;
      this.clients.push(client);
      // Destinations sharing an account share its rate limit, so they share a pacer.
      const key = `${definition.key}|${definition.rateLimitKey(destination.settings)}`;
      const pacer = pacers.get(key) ?? pacerFor(key);
      pacers.set(key, pacer);
      const label = { destination: destination.id };
      const paced = new PacedClient(client, pacer, (ms) => {
        this.deps.metrics?.rateLimitWaits.inc(label);
        this.deps.metrics?.rateLimitWaitSeconds.inc(label, ms / 1000);
      });
      // Little's law: the account's rate x the answers' latency, up to the destination's cap.
      const cap = typeof destination.settings.maxConcurrency === 'number' ? destination.settings.maxConcurrency : DEFAULT_MAX_CONCURRENCY;
      const inFlightTarget = () => targetInFlight({ ratePerSecond: pacer.ratePerSecond(), latencyMs: paced.latency.latencyMs, cap });
      const worker = new DeliveryWorker(
        destination.id,
        {
          store: this.deps.store, router: this.deps.router, cache, client: paced, settings: destination.settings,
          retry: destination.settings.retry, logger: this.deps.logger, metrics: this.deps.metrics, onlyProcess: shared === undefined,
          inFlightTarget,
        },
        { ...DEFAULT_WORKER_OPTIONS, ...this.deps.worker },
      );
      worker.start(destination.pausedReason);
      this.workers.set(destination.id, worker);
    }
    this.purgeTimer = setInterval(() => void this.purge(), PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  private async clientFor(definition: Destination, destination: StoredDestination): Promise<DestinationClient | undefined> {
    try {
      return definition.createClient(destination.settings, { endpointPolicy: this.deps.endpointPolicy });
    } catch (error) {
      if (!(error instanceof EndpointRefusedError)) throw error;
      const reason = `settings.endpoint: ${error.message}`;
      if (destination.pausedReason !== reason) await this.deps.store.setDestinationPaused(destination.id, reason);
      this.deps.metrics?.destinationPaused.set({ destination: destination.id }, 1);
      this.deps.logger.error({ destination: destination.id, reason }, 'destination paused: its endpoint is not allowed, its events wait');
      return undefined;
    }
  }

  /** New jobs were stored: the workers look for them now instead of at their next poll. */
  wake(): void {
    for (const worker of this.workers.values()) worker.wake();
  }

  async purge(now = new Date()): Promise<void> {
    try {
      await this.deps.store.purge(now, this.deps.retention ?? DEFAULT_RETENTION);
    } catch (error) {
      this.deps.logger.error({ err: error }, 'purging old deliveries failed');
    }
  }

  /** Finishes the requests in flight, records them, then closes the clients. */
  async stop(): Promise<void> {
    clearInterval(this.purgeTimer);
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
    this.workers.clear();
    await Promise.all(this.clients.map((c) => c.close()));
    this.clients = [];
  }
}
