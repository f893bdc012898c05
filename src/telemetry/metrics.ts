// Prometheus metrics (/metrics): events received, jobs by outcome, attempt latency, queue depth, rate-limit waits.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  eventsReceived: Counter<'source'>;
  eventsDuplicate: Counter<'source'>;
  eventsRejected: Counter<'source'>;
  eventsSuppressed: Counter<'source'>;
  jobs: Counter<'destination' | 'outcome'>;
  attemptSeconds: Histogram<'destination'>;
  queueDepth: Gauge<'destination'>;
  rateLimitWaits: Counter<'destination'>;
  rateLimitWaitSeconds: Counter<'destination'>;
  destinationPaused: Gauge<'destination'>;
  connectionsDropped: Counter;
}

/** `queueDepth` is read from the store when scraped. */
export function createMetrics(readQueueDepth: () => Promise<Record<string, number>>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ferry_process_' });
  const registers = [registry];
  return {
    registry,
    eventsReceived: new Counter({ name: 'ferry_events_received_total', help: 'Events accepted and stored', labelNames: ['source'], registers }),
    eventsDuplicate: new Counter({ name: 'ferry_events_duplicate_total', help: 'Events skipped as duplicates (messageId seen within 24 h)', labelNames: ['source'], registers }),
    eventsRejected: new Counter({ name: 'ferry_events_rejected_total', help: 'Events refused by the tracking API', labelNames: ['source'], registers }),
    eventsSuppressed: new Counter({ name: 'ferry_events_suppressed_total', help: 'Events of erased people acknowledged but not stored (R23)', labelNames: ['source'], registers }),
    jobs: new Counter({ name: 'ferry_jobs_total', help: 'Delivery attempts by outcome', labelNames: ['destination', 'outcome'], registers }),
    attemptSeconds: new Histogram({
      name: 'ferry_attempt_duration_seconds', help: 'Duration of delivery attempts', labelNames: ['destination'], registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    queueDepth: new Gauge({
      name: 'ferry_queue_depth', help: 'Jobs waiting or in flight', labelNames: ['destination'], registers,
      async collect() {
        for (const [destination, depth] of Object.entries(await readQueueDepth())) this.set({ destination }, depth);
      },
    }),
    rateLimitWaits: new Counter({ name: 'ferry_rate_limit_waits_total', help: 'Times a request waited for the rate limit', labelNames: ['destination'], registers }),
    rateLimitWaitSeconds: new Counter({ name: 'ferry_rate_limit_wait_seconds_total', help: 'Time spent waiting for the rate limit', labelNames: ['destination'], registers }),
    destinationPaused: new Gauge({ name: 'ferry_destination_paused', help: '1 while Intercom refuses the credentials', labelNames: ['destination'], registers }),
    connectionsDropped: new Counter({ name: 'ferry_http_connections_dropped_total', help: 'Connections closed on arrival because the server held its maximum', registers }),
  };
}
