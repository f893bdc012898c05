// One mapping, one event: evaluate the mapping, validate the payload, perform the action, classify what happened.
import { FerryError } from '../errors.js';
import {
  IntercomTransportError, classifyTransportError, type IntercomClient, type IntercomExchange,
} from '../destinations/intercom/client/index.js';
import type { IntercomContext } from '../destinations/intercom/context.js';
import { ActionFailure } from '../destinations/intercom/failure.js';
import type { IdentityCache } from '../destinations/intercom/identity/cache.js';
import { removeEmptyValues, type EmptyValueSchema } from '../mapping/index.js';
import type { CompiledRoute } from '../subscriptions/compile.js';
import type { MappingOutcome } from './outcome.js';

export interface ExecuteDeps {
  /** The Intercom client, or a wrapper of it (the pipeline's paces requests, R20). */
  client: Pick<IntercomClient, 'request'>;
  cache: IdentityCache;
  destinationId: string;
}

interface SegmentIdentities {
  userId?: unknown;
  anonymousId?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

export async function executeRoute(route: CompiledRoute, event: object, deps: ExecuteDeps): Promise<MappingOutcome> {
  const requests: IntercomExchange[] = [];
  const warnings: string[] = [];
  const base = { mapping: route.name, action: route.action.key, warnings, requests };
  let payload: Record<string, unknown> | undefined;
  try {
    // With the schema, like Segment: nulls go too where the field does not allow null.
    payload = route.action.validate(removeEmptyValues(route.evaluate(event), route.action.schema as EmptyValueSchema));
    const ids = event as SegmentIdentities;
    const context: IntercomContext = {
      intercom: {
        request: async (method, path, body) => {
          try {
            const response = await deps.client.request(method, path, body);
            requests.push(response.exchange);
            return response;
          } catch (error) {
            if (error instanceof IntercomTransportError) requests.push({ ...error.exchange, status: 0, response: error.message });
            throw error;
          }
        },
      },
      cache: deps.cache,
      destinationId: deps.destinationId,
      event: { userId: text(ids.userId), anonymousId: text(ids.anonymousId) },
      warn: (message) => warnings.push(message),
    };
    await route.action.performValidated(payload, context);
    return { ...base, payload, status: warnings.length > 0 ? 'delivered-with-warnings' : 'delivered' };
  } catch (error) {
    return { ...base, ...(payload ? { payload } : {}), ...failureOutcome(error) };
  }
}

function failureOutcome(error: unknown): Pick<MappingOutcome, 'status' | 'error' | 'retry' | 'pauseDestination'> {
  if (error instanceof FerryError) {
    return { status: 'rejected', error: { code: error.code, message: error.message, ...(error.details.field ? { field: error.details.field } : {}) } };
  }
  if (error instanceof IntercomTransportError) {
    const classification = classifyTransportError(error);
    return { status: 'retrying', error: { code: error.kind, message: classification.kind === 'retry' ? classification.reason : error.message } };
  }
  if (error instanceof ActionFailure) {
    const c = error.classification;
    switch (c.kind) {
      case 'reject':
        return { status: 'rejected', error: { ...(c.code ? { code: c.code } : {}), message: c.reason } };
      case 'auth':
        return { status: 'retrying', error: { code: `http_${c.status}`, message: c.reason }, pauseDestination: true };
      case 'retry':
        return {
          status: 'retrying',
          error: { message: c.reason },
          retry: {
            ...(c.delayMs !== undefined ? { delayMs: c.delayMs } : {}),
            ...(error.options.retryWindowMs !== undefined ? { windowMs: error.options.retryWindowMs } : {}),
            ...(error.options.finalReason !== undefined ? { finalReason: error.options.finalReason } : {}),
          },
        };
    }
  }
  // A defect in ferry, not in the data: keep the event for another try and say what broke.
  return { status: 'retrying', error: { code: 'internal', message: `internal error: ${(error as Error)?.message ?? String(error)}` } };
}
