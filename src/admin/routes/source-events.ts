// A source's recent events, newest first, each with its deliveries: the source page's live view and the Mappings editor's samples.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { SourceEvent } from '../../store/types.js';
import type { AdminDeps } from '../deps.js';
import { notFound } from '../errors.js';
import { DeliveryState, errors } from './delivery-schemas.js';
import { invalid } from './delivery-views.js';

export const MAX_SOURCE_EVENTS_PAGE = 200;

const SourceParams = Type.Object({ id: Type.String({ description: 'the source id' }) });
const SourceEventsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SOURCE_EVENTS_PAGE, default: 50 })),
  before: Type.Optional(Type.String({ description: "the previous page's `nextCursor`: events older than those shown" })),
});

const SourceEventView = Type.Object({
  id: Type.Integer({ description: 'the event, in arrival order' }),
  receivedAt: Type.String({ format: 'date-time', description: 'when ferry received it' }),
  type: Type.String({ description: 'identify, track, group, page, screen or alias' }),
  event: Type.Optional(Type.String({ description: 'the track event name' })),
  userId: Type.Optional(Type.String()),
  anonymousId: Type.Optional(Type.String()),
  messageId: Type.String(),
  payload: Type.Record(Type.String(), Type.Unknown(), { description: 'the Segment event as ferry stored it' }),
  deliveries: Type.Array(
    Type.Object({
      id: Type.Integer({ description: 'the delivery: GET /api/deliveries/{id}' }),
      destinationId: Type.String(),
      mapping: Type.Union([Type.String(), Type.Null()], { description: 'null: no mapping matched (filtered)' }),
      action: Type.Union([Type.String(), Type.Null()]),
      state: DeliveryState,
    }),
    { description: 'every delivery of the event (replays included), oldest first' },
  ),
});

const SourceEventsPage = Type.Object({
  events: Type.Array(SourceEventView, { description: 'newest first' }),
  nextCursor: Type.Optional(Type.String({ description: 'pass as `before` for older events; absent on the last page' })),
});

/** A cursor is the id of the last event shown, as text: a client keeps it as it is. */
const CURSOR = /^[1-9]\d{0,15}$/;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export function sourceEventView(e: SourceEvent): Static<typeof SourceEventView> {
  const name = text(e.event.event);
  const userId = text(e.event.userId);
  const anonymousId = text(e.event.anonymousId);
  return {
    id: e.id,
    receivedAt: e.receivedAt.toISOString(),
    type: e.type,
    ...(name === undefined ? {} : { event: name }),
    ...(userId === undefined ? {} : { userId }),
    ...(anonymousId === undefined ? {} : { anonymousId }),
    messageId: e.messageId,
    payload: e.event,
    deliveries: e.deliveries.map((d) => ({ id: d.id, destinationId: d.destinationId, mapping: d.mappingName, action: d.action, state: d.state })),
  };
}

export function registerSourceEventRoutes(api: FastifyInstance, deps: AdminDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/sources/:id/events', {
    schema: {
      tags: ['sources'],
      summary: "A source's recent events, newest first, each with its deliveries and their states; page on with `before`",
      params: SourceParams, querystring: SourceEventsQuery, response: { 200: SourceEventsPage, ...errors(400, 401, 404) },
    },
  }, async (request) => {
    const { id } = request.params;
    const { limit, before } = request.query;
    if (before !== undefined && !CURSOR.test(before)) throw invalid('querystring', 'before', "must be a previous page's nextCursor");
    if (!(await deps.store.listSources()).some((s) => s.id === id)) throw notFound('source', id);
    const page = await deps.store.listSourceEvents(id, { limit: limit ?? 50, ...(before === undefined ? {} : { before: Number(before) }) });
    return {
      events: page.events.map(sourceEventView),
      ...(page.nextBefore === undefined ? {} : { nextCursor: String(page.nextBefore) }),
    };
  });
}
