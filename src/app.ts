// buildApp: ferry's HTTP server — the Segment tracking API, the admin API, health checks and metrics.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerIngestRoutes, type IngestStore } from './ingest/routes.js';
import { registerBrowserRoutes } from './ingest/browser/routes.js';
import type { Router } from './subscriptions/router.js';
import type { AdminDeps } from './admin/deps.js';
import { registerAdmin } from './admin/plugin.js';
import type { JobQueueStore } from './store/types.js';
import type { Logger } from './telemetry/logger.js';
import type { Metrics } from './telemetry/metrics.js';
import { resolveServerLimits, type ServerLimits } from './server-limits.js';
import { registerWebApp } from './web-app.js';

export interface AppOptions {
  /** Ingest's roles, and a job count that /readyz asks to see the store answer. */
  store: IngestStore & Pick<JobQueueStore, 'jobStateCounts'>;
  router: Router;
  logger: Logger;
  metrics: Metrics;
  /** R23: events of erased people are acknowledged but neither stored nor delivered (absent: none are). */
  suppressions?: { isSuppressed(event: Record<string, unknown>): boolean };
  /** Called after events were committed (the pipeline wakes its workers). */
  onIngested?: () => void;
  /** The admin API under /api (absent: not served). */
  admin?: AdminDeps;
  /** Timeouts and the connection cap (absent ones: DEFAULT_SERVER_LIMITS). */
  serverLimits?: Partial<ServerLimits>;
  /** FERRY_PUBLIC_URL, how browsers reach ferry (absent: each request's Host); analytics.js's settings point there. */
  publicUrl?: string;
  /** The built web app served at / (absent: not served; a folder without index.html: / says how to build it). */
  webRoot?: string;
}

// A batch may be 500 KB; a little more lets ingest answer an oversize batch with its own clear 400.
const BODY_LIMIT = 1024 * 1024;
// Under a flood of connections the warning is repeated at most this often (the metric counts every one).
const DROP_WARNING_EVERY_MS = 60_000;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store, router, logger, metrics } = options;
  const limits = resolveServerLimits(options.serverLimits);
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // A line per tracking request would drown the delivery logs; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    // fastify's own defaults turn the request timeout off and keep idle connections open for 72 s.
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
  });
  limitConnections(app, limits.maxConnections, logger, metrics);
  let shuttingDown = false;
  registerIngestRoutes(app, {
    store,
    jobsFor: (event, sourceId) => router.jobsFor(event, sourceId),
    onIngested: (source, result) => {
      metrics.eventsReceived.inc({ source }, result.inserted);
      metrics.eventsDuplicate.inc({ source }, result.duplicates);
      metrics.eventsRejected.inc({ source }, result.rejected);
      if (result.inserted > 0) options.onIngested?.();
    },
    ...(options.suppressions ? { isSuppressed: (event: Record<string, unknown>) => options.suppressions!.isSuppressed(event) } : {}),
    onSuppressed: (source, count) => metrics.eventsSuppressed.inc({ source }, count),
  });
  registerBrowserRoutes(app, { store, publicUrl: options.publicUrl });
  if (options.admin) await registerAdmin(app, options.admin);
  if (options.webRoot) await registerWebApp(app, options.webRoot);
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (shuttingDown) return reply.status(503).send({ status: 'shutting down' });
    try {
      await store.jobStateCounts();
    } catch (error) {
      // The store does not answer (PostgreSQL down or unreachable): say so; ingest answers 503 meanwhile.
      return reply.status(503).send({ status: 'store unavailable', reason: (error as Error).message });
    }
    return { status: 'ready' };
  });
  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
  app.addHook('preClose', async () => {
    shuttingDown = true;
  });
  return app;
}

/** Caps open connections so sockets cannot exhaust the process's file descriptors; each refusal is counted. */
function limitConnections(app: FastifyInstance, max: number, logger: Logger, metrics: Metrics): void {
  app.server.maxConnections = max;
  let dropped = 0;
  let warnedAt = -Infinity;
  app.server.on('drop', () => {
    metrics.connectionsDropped.inc();
    dropped += 1;
    if (Date.now() - warnedAt < DROP_WARNING_EVERY_MS) return;
    warnedAt = Date.now();
    logger.warn({ maxConnections: max, dropped }, 'too many open connections: closed new ones on arrival (FERRY_MAX_CONNECTIONS)');
    dropped = 0;
  });
}
