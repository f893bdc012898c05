// GET /api/destinations/:id/stats: deliveries per minute or hour by outcome, every bucket present, for the overview.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { StatsBucket } from '../../store/types.js';
import type { AdminDeps } from '../deps.js';
import { DestinationParams, STAT_KEYS, Stats, StatsQuery, errors, type StatCounts } from './delivery-schemas.js';
import { findDestination, invalid } from './delivery-views.js';

const HOUR = 3_600_000;
/** Per bucket size: its length, the default span, and the longest span one answer covers. */
const BUCKETS = {
  minute: { ms: 60_000, span: HOUR, maxSpan: 24 * HOUR, maxText: '24 hours' },
  hour: { ms: HOUR, span: 24 * HOUR, maxSpan: 31 * 24 * HOUR, maxText: '31 days' },
} as const;

const zero = (): StatCounts => Object.fromEntries(STAT_KEYS.map((key) => [key, 0])) as StatCounts;

/** The store's states as the overview counts them: waiting for or in a first attempt is "queued". */
function countsOf(bucket: StatsBucket | undefined): StatCounts {
  const counts = zero();
  const c = bucket?.counts ?? {};
  counts.delivered = c.delivered ?? 0;
  counts['delivered-with-warnings'] = c['delivered-with-warnings'] ?? 0;
  counts.retrying = c.retrying ?? 0;
  counts.rejected = c.rejected ?? 0;
  counts.filtered = c.filtered ?? 0;
  counts.queued = (c.pending ?? 0) + (c.leased ?? 0);
  return counts;
}

export function registerDeliveryStatsRoute(api: FastifyInstance, deps: AdminDeps): void {
  api.withTypeProvider<TypeBoxTypeProvider>().get('/destinations/:id/stats', {
    schema: {
      tags: ['deliveries'],
      summary: 'Deliveries by outcome per minute (default: the last hour) or per hour (default: the last 24 hours)',
      params: DestinationParams, querystring: StatsQuery, response: { 200: Stats, ...errors(400, 401, 404) },
    },
  }, async (request) => {
    const bucket = request.query.bucket ?? 'minute';
    const size = BUCKETS[bucket];
    const now = Date.now();
    const asked = request.query.from === undefined ? now - size.span : new Date(request.query.from).getTime();
    if (asked > now) throw invalid('querystring', 'from', 'must not be in the future');
    if (now - asked > size.maxSpan) {
      throw invalid('querystring', 'from', `must be within the last ${size.maxText} for ${bucket} buckets`);
    }
    await findDestination(deps, request.params.id);
    const from = asked - (asked % size.ms);
    const buckets = await deps.store.deliveryStats(request.params.id, new Date(from), bucket);
    const byStart = new Map(buckets.map((b) => [b.start.getTime(), b]));
    const series = [];
    const totals = zero();
    for (let start = from; start <= now; start += size.ms) {
      const counts = countsOf(byStart.get(start));
      for (const key of STAT_KEYS) totals[key] += counts[key];
      series.push({ start: new Date(start).toISOString(), ...counts });
    }
    return { bucket, from: new Date(from).toISOString(), series, totals };
  });
}
