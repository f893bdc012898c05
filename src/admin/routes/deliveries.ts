// The delivery log: list with filters, one delivery with every attempt, replay (one, or the rejected ones matching).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_DELIVERY_PAGE } from '../../store/delivery-cursor.js';
import type { DeliveryFilter } from '../../store/types.js';
import type { AdminDeps } from '../deps.js';
import { definitionOf } from '../destination-types.js';
import { conflict, notFound } from '../errors.js';
import {
  DeliveryDetail, DeliveryPage, DestinationParams, JobParams, ListQuery, REPLAY_FILTER_KEYS, ReplayFilterBody,
  ReplayMany, ReplayOne, errors,
} from './delivery-schemas.js';
import {
  checkFilter, deliveryDetailView, deliveryView, findDestination, invalid, mappingNamesOf,
} from './delivery-views.js';
import { registerDeliveryStatsRoute } from './delivery-stats.js';

const tags = ['deliveries'];

/** The most deliveries one bulk replay queues; `more` in the answer says to call again. */
export const MAX_REPLAY = 10_000;

const UNFINISHED = new Set(['pending', 'retrying', 'leased']);

export function registerDeliveryRoutes(api: FastifyInstance, deps: AdminDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/destinations/:id/deliveries', {
    schema: {
      tags, summary: "A destination's deliveries, newest first, filtered; page on with `cursor`",
      params: DestinationParams, querystring: ListQuery, response: { 200: DeliveryPage, ...errors(400, 401, 404) },
    },
  }, async (request) => {
    const { id } = request.params;
    const { state, mapping, person, limit, cursor } = request.query;
    // The filter answers first (a 400 before a 404): checked against the destination's type, or the default one.
    const type = (await deps.store.listDestinations()).find((d) => d.id === id)?.type ?? deps.registry.defaultType;
    const checked = checkFilter(request.query, 'querystring', deps.registry.get(type));
    await findDestination(deps, id);
    const filter: DeliveryFilter = {
      destinationId: id, ...checked,
      ...(state ? { states: state } : {}), ...(mapping !== undefined ? { mapping } : {}),
      ...(person !== undefined ? { person } : {}), ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}),
    };
    const page = await deps.store.listDeliveries(filter);
    return { items: page.items.map(deliveryView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  });

  app.get('/deliveries/:jobId', {
    schema: {
      tags, summary: 'One delivery: its event and every attempt with the requests to the destination and its responses',
      params: JobParams, response: { 200: DeliveryDetail, ...errors(400, 401, 404) },
    },
  }, async (request) => {
    const detail = await deps.store.getDelivery(request.params.jobId);
    if (detail === undefined) throw notFound('delivery', request.params.jobId);
    return deliveryDetailView(detail);
  });

  app.post('/deliveries/:jobId/replay', {
    schema: {
      tags, summary: 'Replay one finished delivery: a new delivery of the same event through the same mapping',
      params: JobParams, response: { 202: ReplayOne, ...errors(400, 401, 404, 409) },
    },
  }, async (request, reply) => {
    const { jobId } = request.params;
    const original = await deps.store.getDelivery(jobId);
    if (original === undefined) throw notFound('delivery', jobId);
    if (UNFINISHED.has(original.state)) {
      throw conflict(`delivery ${jobId} is still ${original.state}: only a finished delivery can be replayed`);
    }
    if (original.mappingName === null) {
      throw conflict(`delivery ${jobId} was filtered (no mapping matched its event): there is nothing to replay`);
    }
    const replay = original.replayedBy === null ? undefined : await deps.store.getDelivery(original.replayedBy);
    if (replay !== undefined && UNFINISHED.has(replay.state)) {
      throw conflict(`delivery ${jobId} is being replayed already, by delivery ${replay.id}`);
    }
    const destination = await findDestination(deps, original.destinationId);
    if (!mappingNamesOf(deps, destination).has(original.mappingName)) {
      throw conflict(`the mapping '${original.mappingName}' of destination '${destination.id}' no longer exists: a replay would be rejected`);
    }
    const [id] = await deps.store.replayDeliveries([jobId], new Date());
    if (id === undefined) throw conflict(`delivery ${jobId} cannot be replayed now; try again`);
    deps.onJobsQueued?.();
    return reply.status(202).send({ id, replayOf: jobId });
  });

  app.post('/destinations/:id/deliveries/replay', {
    schema: {
      tags,
      summary: `Replay the rejected deliveries matching a filter (at most ${MAX_REPLAY} a call; \`more\` says to call again)`,
      params: DestinationParams, body: ReplayFilterBody, response: { 202: ReplayMany, ...errors(400, 401, 404) },
    },
    preValidation: refuseUnknownFilterKeys,
  }, async (request, reply) => {
    const body = request.body ?? {};
    const destination = await findDestination(deps, request.params.id);
    const filter: DeliveryFilter = {
      destinationId: destination.id, ...checkFilter(body, 'body', definitionOf(deps, destination)), states: ['rejected'], replayed: false,
      ...(body.mapping !== undefined ? { mapping: body.mapping } : {}),
      ...(body.person !== undefined ? { person: body.person } : {}), limit: MAX_DELIVERY_PAGE,
    };
    const names = mappingNamesOf(deps, destination);
    const picked: number[] = [];
    let skipped = 0;
    let cursor: string | undefined;
    do {
      const page = await deps.store.listDeliveries({ ...filter, ...(cursor ? { cursor } : {}) });
      for (const item of page.items) {
        if (item.mappingName !== null && names.has(item.mappingName)) picked.push(item.id);
        else skipped += 1;
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined && picked.length < MAX_REPLAY);
    const ids = await deps.store.replayDeliveries(picked.slice(0, MAX_REPLAY), new Date());
    if (ids.length > 0) deps.onJobsQueued?.();
    const more = picked.length > MAX_REPLAY || cursor !== undefined;
    return reply.status(202).send({ count: ids.length, ids, limit: MAX_REPLAY, more, skipped });
  });

  registerDeliveryStatsRoute(api, deps);
}

/** Ajv would drop an unknown key silently: a misspelt filter must not widen a replay to every rejected delivery. */
async function refuseUnknownFilterKeys(request: FastifyRequest) {
  if (request.body === undefined || request.body === null) {
    request.body = {};
    return;
  }
  if (typeof request.body !== 'object' || Array.isArray(request.body)) return;
  const unknown = Object.keys(request.body).find((key) => !REPLAY_FILTER_KEYS.includes(key));
  if (unknown !== undefined) {
    throw invalid('body', unknown, `is not a filter of a replay (filters: ${REPLAY_FILTER_KEYS.join(', ')}); only rejected deliveries are replayed`);
  }
}
