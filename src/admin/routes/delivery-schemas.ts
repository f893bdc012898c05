// TypeBox schemas of the delivery log, replay and stats routes: request validation and the OpenAPI document.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { MAX_DELIVERY_PAGE } from '../../store/delivery-cursor.js';
import type { JobState } from '../../store/types.js';

export const DELIVERY_STATES = [
  'pending', 'retrying', 'leased', 'delivered', 'delivered-with-warnings', 'rejected', 'filtered',
] as const satisfies readonly JobState[];

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const time = (description: string) => Type.String({ format: 'date-time', description });
const Json = Type.Unknown({ description: 'any JSON value' });

export const ErrorAnswer = Type.Object({
  error: Type.Object({
    code: Type.String({ examples: ['FERRY_ERR_REQUEST_INVALID'] }),
    message: Type.String(),
    path: Type.Optional(Type.String({ description: 'the query, body or path field at fault, e.g. `from`' })),
  }),
});

export const errors = (...statuses: number[]): Record<number, TSchema> =>
  Object.fromEntries(statuses.map((status) => [status, ErrorAnswer]));

export const DeliveryState = Type.Unsafe<JobState>({
  type: 'string',
  enum: [...DELIVERY_STATES],
  description: "'pending': waiting for its first attempt; 'retrying': waiting after a failed one; 'leased': being attempted",
});

export const DestinationParams = Type.Object({ id: Type.String({ description: 'the destination id' }) });
export const JobParams = Type.Object({ jobId: Type.Integer({ minimum: 1, description: 'the delivery (job) id' }) });

const filterFields = {
  action: Type.Optional(Type.String({ description: 'an action key (an alias is accepted), e.g. `trackEvent`' })),
  mapping: Type.Optional(Type.String({ description: 'the mapping name the delivery ran (as it was then)' })),
  person: Type.Optional(Type.String({ description: 'userId, or anonymousId for anonymous visitors' })),
  from: Type.Optional(time('queued at or after')),
  to: Type.Optional(time('queued before')),
};

export const ListQuery = Type.Object({
  state: Type.Optional(Type.Array(DeliveryState, { description: 'repeat for several: `?state=rejected&state=retrying`' })),
  ...filterFields,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_DELIVERY_PAGE, default: 50 })),
  cursor: Type.Optional(Type.String({ description: "the previous page's `nextCursor`" })),
});
export type ListQuery = Static<typeof ListQuery>;

export const REPLAY_FILTER_KEYS = Object.keys(filterFields);
export const ReplayFilterBody = Type.Object(filterFields, {
  additionalProperties: false,
  description: 'which rejected deliveries to replay; an empty body (or none) replays them all',
});
export type ReplayFilterBody = Static<typeof ReplayFilterBody>;

const ErrorInfo = Type.Object({ code: Type.Optional(Type.String()), message: Type.String() });

export const Delivery = Type.Object({
  id: Type.Integer(),
  destinationId: Type.String(),
  mapping: nullable(Type.String({ description: 'null: no mapping matched (filtered)' })),
  action: nullable(Type.String()),
  person: Type.String(),
  eventType: Type.String(),
  messageId: Type.String(),
  state: DeliveryState,
  attempts: Type.Integer({ description: 'attempts made so far' }),
  queuedAt: time('when it was queued: the event arrived, or the replay was asked for'),
  finishedAt: nullable(time('when it finished')),
  nextAttemptAt: nullable(time('when it is next tried (unfinished deliveries)')),
  lastError: nullable(ErrorInfo),
  warnings: Type.Array(Type.String()),
  replayedBy: nullable(Type.Integer({ description: 'the newest delivery replaying this one' })),
});

export const DeliveryPage = Type.Object({
  items: Type.Array(Delivery, { description: 'newest first' }),
  nextCursor: Type.Optional(Type.String({ description: 'absent on the last page' })),
});

const Exchange = Type.Object({
  method: Type.String(),
  url: Type.String(),
  body: Type.Optional(Json),
  status: Type.Integer({ description: '0: no answer (timeout, network error)' }),
  response: Json,
  durationMs: Type.Number(),
});

const Attempt = Type.Object({
  number: Type.Integer(),
  startedAt: time('when the attempt started'),
  durationMs: Type.Number(),
  status: Type.String({ description: 'the outcome of this attempt (R18)' }),
  warnings: Type.Array(Type.String()),
  error: Type.Optional(ErrorInfo),
  requests: Type.Array(Exchange, {
    description: 'the requests to the destination and their responses, size-capped (no headers: credentials never appear)',
  }),
});

export const DeliveryDetail = Type.Composite([
  Delivery,
  Type.Object({
    event: Type.Record(Type.String(), Json, { description: 'the Segment event as stored' }),
    attemptLog: Type.Array(Attempt, { description: 'every attempt, oldest first' }),
    replayOf: nullable(Type.Integer({ description: 'the delivery this one replays' })),
  }),
]);

export const ReplayOne = Type.Object({ id: Type.Integer({ description: 'the new delivery' }), replayOf: Type.Integer() });

export const ReplayMany = Type.Object({
  count: Type.Integer(),
  ids: Type.Array(Type.Integer(), { description: 'the new deliveries, in the originals’ order' }),
  limit: Type.Integer({ description: 'the most one call replays' }),
  more: Type.Boolean({ description: 'more rejected deliveries match: call again for the next ones' }),
  skipped: Type.Integer({ description: 'matching deliveries left alone: their mapping no longer exists' }),
});

export const StatsQuery = Type.Object({
  bucket: Type.Optional(Type.Unsafe<'minute' | 'hour'>({ type: 'string', enum: ['minute', 'hour'], default: 'minute' })),
  from: Type.Optional(time('default: an hour ago for minutes, 24 hours ago for hours')),
});
export type StatsQuery = Static<typeof StatsQuery>;

const countFields = {
  delivered: Type.Integer(),
  'delivered-with-warnings': Type.Integer(),
  retrying: Type.Integer({ description: 'waiting after a failed attempt, by the time it was queued' }),
  rejected: Type.Integer(),
  filtered: Type.Integer(),
  queued: Type.Integer({ description: 'waiting for its first attempt, or being attempted, by the time it was queued' }),
};
export const STAT_KEYS = Object.keys(countFields) as (keyof typeof countFields)[];
export type StatCounts = Record<(typeof STAT_KEYS)[number], number>;

export const Stats = Type.Object({
  bucket: Type.Union([Type.Literal('minute'), Type.Literal('hour')]),
  from: time('the first bucket’s start'),
  series: Type.Array(Type.Object({ start: time('the bucket’s start'), ...countFields }), {
    description: 'every bucket from `from` to now, oldest first; finished deliveries count where they finished',
  }),
  totals: Type.Object(countFields),
});
