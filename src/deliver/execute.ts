// One mapping, one event: evaluate the mapping, validate the payload, perform the action, classify what happened.
import { FerryError } from '../errors.js';
import type { DeliveryContext, Settings, Verdict } from '../destinations/kit/define-destination.js';
import { TransportError, type DestinationApi, type Exchange } from '../destinations/kit/exchange.js';
import type { IdentityCache } from '../destinations/kit/identity-cache.js';
import { removeEmptyValues, type EmptyValueSchema } from '../mapping/index.js';
import type { CompiledRoute } from '../subscriptions/compile.js';
import type { MappingOutcome } from './outcome.js';

export interface ExecuteDeps {
  /** The destination's client, or a wrapper of it (the pipeline's paces requests, R20). */
  client: DestinationApi;
  cache: IdentityCache;
  destinationId: string;
  /** The destination's settings, for the action's options. */
  settings: Settings;
  /** See DeliveryContext.onlyProcess. */
  onlyProcess?: boolean;
}

interface SegmentIdentities {
  userId?: unknown;
  anonymousId?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** The mapping evaluated on the event, emptied and validated: the payload perform gets. Throws what refuses it. */
export function preparePayload(route: CompiledRoute, event: object): Record<string, unknown> {
  // With the schema, like Segment: nulls go too where the field does not allow null.
  return route.action.validate(removeEmptyValues(route.evaluate(event), route.action.schema as EmptyValueSchema));
}

/** `prepared`: the payload, prepared already (a merged one, when coalescing a backlog). */
export async function executeRoute(
  route: CompiledRoute, event: object, deps: ExecuteDeps, prepared?: Record<string, unknown>,
): Promise<MappingOutcome> {
  const requests: Exchange[] = [];
  const warnings: string[] = [];
  const base = { mapping: route.name, action: route.action.key, warnings, requests };
  let payload: Record<string, unknown> | undefined;
  try {
    payload = prepared ?? preparePayload(route, event);
    const ids = event as SegmentIdentities;
    const context: DeliveryContext = {
      api: {
        request: async (method, path, body) => {
          try {
            const response = await deps.client.request(method, path, body);
            requests.push(response.exchange);
            return response;
          } catch (error) {
            if (error instanceof TransportError) requests.push({ ...error.exchange, status: 0, response: error.message });
            throw error;
          }
        },
      },
      cache: deps.cache,
      destinationId: deps.destinationId,
      settings: deps.settings,
      event: { userId: text(ids.userId), anonymousId: text(ids.anonymousId) },
      warn: (message) => warnings.push(message),
      ...(deps.onlyProcess ? { onlyProcess: true } : {}),
    };
    await route.action.performValidated(payload, route.destination.actionContext(context));
    return { ...base, payload, status: warnings.length > 0 ? 'delivered-with-warnings' : 'delivered' };
  } catch (error) {
    return { ...base, ...(payload ? { payload } : {}), ...failureOutcome(error, route.destination.classify(error)) };
  }
}

type Failure = Pick<MappingOutcome, 'status' | 'error' | 'retry' | 'pauseDestination'>;

/** ferry's own validation errors reject (a store that does not answer retries); the rest is what the destination's classification says. */
export function failureOutcome(error: unknown, verdict: Verdict | undefined): Failure {
  // The store (identity cache) did not answer: nothing is wrong with the event, it is tried again.
  if (error instanceof FerryError && error.code === 'FERRY_ERR_STORE_UNAVAILABLE') {
    return { status: 'retrying', error: { code: error.code, message: error.message } };
  }
  if (error instanceof FerryError) {
    return { status: 'rejected', error: { code: error.code, message: error.message, ...(error.details.field ? { field: error.details.field } : {}) } };
  }
  if (verdict !== undefined) return verdictOutcome(verdict);
  // A defect in ferry, not in the data: keep the event for another try and say what broke.
  return { status: 'retrying', error: { code: 'internal', message: `internal error: ${(error as Error)?.message ?? String(error)}` } };
}

function verdictOutcome(verdict: Verdict): Failure {
  const error = { ...(verdict.code ? { code: verdict.code } : {}), message: verdict.reason };
  switch (verdict.kind) {
    case 'rejected':
      return { status: 'rejected', error };
    case 'paused':
      return { status: 'retrying', error, pauseDestination: true };
    case 'rate-limited':
      return { status: 'retrying', error, retry: { delayMs: verdict.delayMs } };
    case 'retry':
      return { status: 'retrying', error, ...(verdict.retry ? { retry: verdict.retry } : {}) };
  }
}
