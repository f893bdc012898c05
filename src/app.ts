// buildApp: ferry's HTTP server — the Segment tracking API, health checks and metrics (the admin API joins later).
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerIngestRoutes } from './ingest/routes.js';
import type { Router } from './route/router.js';
import type { AdminDeps } from './admin/deps.js';
import { registerAdmin } from './admin/plugin.js';
import type { Store } from './store/types.js';
import type { Logger } from './telemetry/logger.js';
import type { Metrics } from './telemetry/metrics.js';

export interface AppOptions {
  store: Store;
  router: Router;
  logger: Logger;
  metrics: Metrics;
  /** Called after events were committed (the pipeline wakes its workers). */
  onIngested?: () => void;
  /** The admin API under /api (absent: not served). */
  admin?: AdminDeps;
}

// A batch may be 500 KB; a little more lets ingest answer an oversize batch with its own clear 400.
const BODY_LIMIT = 1024 * 1024;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store, router, logger, metrics } = options;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // A line per tracking request would drown the delivery logs; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
  });
  let shuttingDown = false;
  registerIngestRoutes(app, {
    store,
    jobsFor: (event) => router.jobsFor(event),
    onIngested: (source, result) => {
      metrics.eventsReceived.inc({ source }, result.inserted);
      metrics.eventsDuplicate.inc({ source }, result.duplicates);
      metrics.eventsRejected.inc({ source }, result.rejected);
      if (result.inserted > 0) options.onIngested?.();
    },
  });
  if (options.admin) await registerAdmin(app, options.admin);
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    if (shuttingDown) return reply.status(503).send({ status: 'shutting down' });
    await store.jobStateCounts();
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
