// The Segment HTTP tracking API on fastify: POST /v1/<call> and /v1/batch, answered 200 only after the store committed.
import cors from '@fastify/cors';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ConfigStore, EventStore, NewEvent, NewJob } from '../store/types.js';
import { CommitQueue } from './commit-queue.js';
import { decodeBody, tooLarge, type BodyKind } from './decode-body.js';
import { FerryError, type Rejection } from '../errors.js';
import { errorBody } from './errors.js';
import { LIMITS } from './limits.js';
import type { EventType } from './normalize-event.js';
import { prepareBatch, prepareEvent, type PreparedBatch } from './prepare.js';
import { eventsIn, Turns } from './turns.js';
import { writeKeyOf } from './write-key.js';

/** The tracking API's part of the store: the events role, and finding a source by its write key. */
export type IngestStore = Pick<ConfigStore, 'findSourceByWriteKey'> & EventStore;

export interface IngestDeps {
  store: IngestStore;
  /** The jobs an event creates (the router); called per event after normalization. */
  jobsFor(event: Record<string, unknown>, sourceId: string): NewJob[];
  now?: () => Date;
  /**
   * Called after a commit, for metrics: events stored, duplicates skipped and items refused per source. Requests that
   * arrive together share a commit (see CommitQueue) and one call; a request that stores nothing gets its own.
   */
  onIngested?(sourceId: string, result: { inserted: number; duplicates: number; rejected: number }): void;
  /** R23: whether an event belongs to an erased person: acknowledged, neither stored nor delivered. */
  isSuppressed?(event: Record<string, unknown>): boolean;
  /** Called with how many events of a request were suppressed (when any were), for metrics. */
  onSuppressed?(sourceId: string, count: number): void;
}

/** Segment's routes and the one-letter aliases its clients may use. */
const CALLS: ReadonlyArray<[string, EventType]> = [
  ['identify', 'identify'], ['i', 'identify'], ['track', 'track'], ['t', 'track'], ['page', 'page'], ['p', 'page'],
  ['screen', 'screen'], ['s', 'screen'], ['group', 'group'], ['g', 'group'], ['alias', 'alias'], ['a', 'alias'],
];

function kindOf(request: FastifyRequest): BodyKind {
  return (request.routeOptions.config as { ingestKind?: BodyKind }).ingestKind ?? 'event';
}

/** Any error on a /v1 route as the answer to give: bad input is always a 4xx, never a 5xx. */
function toFerryError(error: FastifyError | FerryError, kind: BodyKind): FerryError {
  if (error instanceof FerryError) return error;
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return tooLarge(kind);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return new FerryError('FERRY_ERR_JSON_INVALID', `the request could not be read: ${error.message}`);
  return new FerryError('FERRY_ERR_INTERNAL', 'ferry failed to handle the request (logged); nothing was stored', {}, 500);
}

const unavailable = () =>
  new FerryError('FERRY_ERR_STORE_UNAVAILABLE', 'ferry could not store the events right now; nothing was stored, retry later', {}, 503);

async function authenticate(request: FastifyRequest, deps: IngestDeps): Promise<string> {
  const writeKey = writeKeyOf(request.headers.authorization, request.body);
  if (writeKey === undefined) {
    const message = 'missing write key: send it as the HTTP Basic auth user name or as writeKey in the JSON body';
    throw new FerryError('FERRY_ERR_UNAUTHORIZED', message, {}, 401);
  }
  let source;
  try {
    source = await deps.store.findSourceByWriteKey(writeKey);
  } catch (error) {
    request.log.error({ err: error }, 'ingest: looking up the write key failed');
    throw unavailable();
  }
  if (!source) throw new FerryError('FERRY_ERR_UNAUTHORIZED', 'unknown write key', {}, 401);
  return source.id;
}

function toNewEvents(batch: PreparedBatch, sourceId: string, receivedAt: Date, deps: Pick<IngestDeps, 'jobsFor'>): NewEvent[] {
  return batch.events.map(({ messageId, personKey, type, event }) => ({
    sourceId, messageId, personKey, type, event, receivedAt, jobs: deps.jobsFor(event, sourceId),
  }));
}

function report(log: FastifyBaseLogger, deps: IngestDeps, sourceId: string, result: Parameters<NonNullable<IngestDeps['onIngested']>>[1]) {
  try {
    deps.onIngested?.(sourceId, result);
  } catch (error) {
    log.warn({ err: error }, 'ingest: onIngested failed');
  }
}

/** The batch without the events of suppressed people (R23), which are acknowledged like the others. */
function withoutSuppressed(batch: PreparedBatch, sourceId: string, deps: IngestDeps): PreparedBatch {
  const { isSuppressed } = deps;
  if (isSuppressed === undefined) return batch;
  const kept = batch.events.filter((prepared) => !isSuppressed(prepared.event));
  if (kept.length === batch.events.length) return batch;
  deps.onSuppressed?.(sourceId, batch.events.length - kept.length);
  return { ...batch, events: kept };
}

interface Context {
  deps: IngestDeps;
  commits: CommitQueue;
  turns: Turns;
}

async function ingest(request: FastifyRequest, reply: FastifyReply, { deps, commits, turns }: Context, type?: EventType) {
  const receivedAt = deps.now?.() ?? new Date();
  const sourceId = await authenticate(request, deps);
  await turns.take(eventsIn(request.body));
  let batch: PreparedBatch;
  try {
    batch = type === undefined
      ? prepareBatch(request.body, receivedAt)
      : { events: [prepareEvent(request.body, type, receivedAt)], rejected: [], duplicates: 0 };
  } catch (error) {
    report(request.log, deps, sourceId, { inserted: 0, duplicates: 0, rejected: 1 });
    throw error;
  }
  const events = toNewEvents(withoutSuppressed(batch, sourceId, deps), sourceId, receivedAt, deps);
  const rejected: Rejection[] = batch.rejected;
  if (events.length > 0) {
    try {
      await commits.store(sourceId, events, { duplicates: batch.duplicates, rejected: rejected.length });
    } catch (error) {
      request.log.error({ err: error, sourceId, events: events.length }, 'ingest: storing events failed');
      throw unavailable();
    }
  } else {
    report(request.log, deps, sourceId, { inserted: 0, duplicates: batch.duplicates, rejected: rejected.length });
  }
  if (rejected.length === 0) return reply.code(200).send({ success: true });
  request.log.warn({ sourceId, rejected: rejected.slice(0, 10) }, `ingest: ${rejected.length} batch item(s) rejected`);
  if (batch.events.length === 0) {
    const message = `none of the ${rejected.length} events in the batch is valid; see rejected`;
    throw new FerryError('FERRY_ERR_BATCH_INVALID', message, { path: 'batch', rejected });
  }
  // Partial batch: the good items are committed, so the answer is a success (see docs/tracking-api.md).
  return reply.code(200).send({ success: true, rejected });
}

/** Registers the tracking API under /v1 in its own encapsulated scope (its body parser, CORS and errors stay there). */
export function registerIngestRoutes(app: FastifyInstance, deps: IngestDeps): void {
  const context: Context = {
    deps,
    turns: new Turns(),
    commits: new CommitQueue({
      insert: (events) => deps.store.insertEvents(events),
      ...(deps.store.maxEventsPerCommit === undefined ? {} : { maxEvents: deps.store.maxEventsPerCommit }),
      onCommitted: (sourceId, counts) => report(app.log, deps, sourceId, counts),
    }),
  };
  app.register(
    async (scope) => {
      await scope.register(cors, {
        origin: '*',
        methods: ['POST'],
        allowedHeaders: ['Content-Type', 'Authorization', 'Content-Encoding'],
        maxAge: 86_400,
      });
      // Every content type is read as JSON: Segment's clients send application/json, browser beacons text/plain.
      // fastify answers 415 to an empty or malformed Content-Type before any parser runs, so the header is made
      // to say what the body is read as.
      scope.addHook('onRequest', (request, _reply, done) => {
        if (request.raw.headers['content-type'] !== undefined) request.raw.headers['content-type'] = 'application/json';
        done();
      });
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: LIMITS.readBytes }, (request, raw, done) => {
        try {
          done(null, decodeBody(raw as Buffer, request.headers['content-encoding'], kindOf(request)));
        } catch (error) {
          done(error as Error, undefined);
        }
      });
      scope.setErrorHandler((error: FastifyError | FerryError, request, reply) => {
        const answer = toFerryError(error, kindOf(request));
        if (answer.status >= 500) request.log.error({ err: error }, `ingest: ${answer.code}`);
        if (answer.status === 503) reply.header('retry-after', '5');
        return reply.code(answer.status).send(errorBody(answer));
      });
      scope.setNotFoundHandler((request, reply) => {
        const path = request.url.split('?')[0]!.slice(0, 200);
        const message = `no tracking endpoint ${request.method} ${path}; POST to /v1/identify, track, page, screen, group, alias or batch`;
        return reply.code(404).send(errorBody(new FerryError('FERRY_ERR_NOT_FOUND', message, {}, 404)));
      });
      const options = (ingestKind: BodyKind) => ({ bodyLimit: LIMITS.readBytes, config: { ingestKind } });
      for (const [path, type] of CALLS) {
        scope.post(`/${path}`, options('event'), (request, reply) => ingest(request, reply, context, type));
      }
      for (const path of ['/batch', '/b']) scope.post(path, options('batch'), (request, reply) => ingest(request, reply, context));
    },
    { prefix: '/v1' },
  );
}
