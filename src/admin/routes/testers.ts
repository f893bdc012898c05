// The testers: the Event Tester (one event through all mappings) and the Mappings Tester (one mapping), for real.
import { FerryError, at } from '../../errors.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { executeRoute, type ExecuteDeps } from '../../deliver/execute.js';
import { EndpointRefusedError } from '../../destinations/kit/endpoint-policy.js';
import { testEvent } from '../../deliver/test-event.js';
import type { SegmentEvent } from '../../ingest/normalize-event.js';
import { readEvent } from '../../ingest/read-event.js';
import { compileRoute, compileRoutes } from '../../subscriptions/compile.js';
import type { StoredDestination } from '../../store/types.js';
import type { AdminDeps } from '../deps.js';
import { clientFor, definitionOf } from '../destination-types.js';
import { checkMapping, findDestination, indexOfMapping, mappingsOf, refuseUnknownKeys } from './mapping-edits.js';
import { DestinationParams, DraftTestBody, EventBody, MappingParams, Outcome, errors } from './mapping-schemas.js';

/**
 * The sample event read exactly as the tracking API reads a body (size, depth, refused keys, validation) and
 * normalized as it would be stored. Re-serializing cannot overflow: the admin body's depth was checked before parsing.
 */
function sampleEvent(input: unknown): SegmentEvent {
  try {
    return readEvent(Buffer.from(JSON.stringify(input) ?? '', 'utf8'), new Date(), 'event');
  } catch (error) {
    if (!(error instanceof FerryError)) throw error;
    const message = error.code === 'FERRY_ERR_EVENT_INVALID' ? `invalid event: ${error.message}` : error.message;
    throw new FerryError(error.code, message, at(error.details.path ?? 'event'), error.status);
  }
}

/** A client for the destination, or the 409 saying why its credentials may not go to its endpoint (R22). */
function clientOf(deps: AdminDeps, destination: StoredDestination) {
  try {
    return clientFor(deps, destination);
  } catch (error) {
    if (!(error instanceof EndpointRefusedError)) throw error;
    throw new FerryError('FERRY_ERR_ENDPOINT_REFUSED', `settings.endpoint: ${error.message}`, { path: 'settings.endpoint' }, 409);
  }
}

/** Runs `test` with a client for the destination (sandbox applied) and the store's identity cache, like the pipeline. */
async function withExecuteDeps<T>(deps: AdminDeps, destination: StoredDestination, test: (execute: ExecuteDeps) => Promise<T>) {
  const client = clientOf(deps, destination);
  try {
    return await test({ client, cache: deps.store.identityCache(), destinationId: destination.id, settings: destination.settings });
  } finally {
    await client.close();
  }
}

const TestAnswer = Type.Object({
  matched: Type.Boolean({ description: "whether the mapping's trigger matches the event (it runs either way)" }),
  outcome: Outcome,
});
/** The name an unsaved mapping's outcome carries when its editor has not named it yet. */
export const DRAFT_NAME = 'Unsaved mapping';

export function registerTesterRoutes(api: FastifyInstance, deps: AdminDeps): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/destinations/:id/event-tester', {
    schema: {
      tags: ['testers'],
      summary: "Event Tester: send one event through all of the destination's mappings for real, like `ferry test-event`",
      description: 'Disabled mappings and triggers that do not match answer `filtered` with the reason; the others run against the destination.',
      params: DestinationParams, body: EventBody,
      response: { 200: Type.Object({ outcomes: Type.Array(Outcome) }), ...errors(400, 401, 404, 409) },
    },
    preValidation: refuseUnknownKeys(['event']),
  }, async (request) => {
    const destination = await findDestination(deps, request.params.id);
    const event = sampleEvent(request.body.event);
    const routes = compileRoutes(destination.mappings, 'mappings', definitionOf(deps, destination));
    return withExecuteDeps(deps, destination, (execute) => testEvent(routes, event, execute));
  });

  app.post('/destinations/:id/mappings/:name/test', {
    schema: {
      tags: ['testers', 'mappings'],
      summary: 'Mappings Tester: run one mapping on a sample event for real, whether or not its trigger matches',
      params: MappingParams, body: EventBody,
      response: { 200: TestAnswer, ...errors(400, 401, 404, 409) },
    },
    preValidation: refuseUnknownKeys(['event']),
  }, async (request) => {
    const destination = await findDestination(deps, request.params.id);
    const list = mappingsOf(deps, destination);
    const index = indexOfMapping(destination, list, request.params.name);
    const event = sampleEvent(request.body.event);
    const route = compileRoute(list.mappings[index]!, `mappings[${index}]`, definitionOf(deps, destination));
    const matched = route.trigger(event);
    const outcome = await withExecuteDeps(deps, destination, (execute) => executeRoute(route, event, execute));
    return { matched, outcome };
  });

  // Static: no POST route takes a mapping name at this depth, so a mapping named "test" is not hidden.
  app.post('/destinations/:id/mappings/test', {
    schema: {
      tags: ['testers', 'mappings'],
      summary: "Mappings Tester for an unsaved mapping: the editor's draft (action, trigger, mapping) run on a sample event for real",
      description: 'Checked like a save (errors name `trigger`, `mapping.<field>` ...); nothing is stored.',
      params: DestinationParams, body: DraftTestBody, response: { 200: TestAnswer, ...errors(400, 401, 404, 409) },
    },
    preValidation: refuseUnknownKeys(Object.keys(DraftTestBody.properties)),
  }, async (request) => {
    const destination = await findDestination(deps, request.params.id);
    const { event: input, ...draft } = request.body;
    const spec = { ...draft, name: draft.name ?? DRAFT_NAME, enabled: true };
    const route = checkMapping(spec, definitionOf(deps, destination));
    const event = sampleEvent(input);
    const matched = route.trigger(event);
    const outcome = await withExecuteDeps(deps, destination, (execute) => executeRoute(route, event, execute));
    return { matched, outcome };
  });
}
