// What the delivery routes answer: store records as JSON (ISO times, API names) and the filters' checks.
import { FerryError, at } from '../../errors.js';
import type { Destination } from '../../destinations/kit/define-destination.js';
import { decodeDeliveryCursor } from '../../store/delivery-cursor.js';
import type { DeliveryDetail, DeliverySummary, StoredAttempt, StoredDestination } from '../../store/types.js';
import type { AdminDeps } from '../deps.js';
import { definitionOf } from '../destination-types.js';
import { notFound } from '../errors.js';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

export const invalid = (where: 'querystring' | 'body', field: string, problem: string) =>
  new FerryError('FERRY_ERR_REQUEST_INVALID', `${where}.${field} ${problem}`, at(field));

export function deliveryView(d: DeliverySummary) {
  return {
    id: d.id,
    destinationId: d.destinationId,
    mapping: d.mappingName,
    action: d.action,
    person: d.personKey,
    eventType: d.eventType,
    messageId: d.messageId,
    state: d.state,
    attempts: d.attempts,
    queuedAt: d.queuedAt.toISOString(),
    finishedAt: iso(d.finishedAt),
    nextAttemptAt: iso(d.nextAttemptAt),
    lastError: d.lastError,
    warnings: d.warnings,
    replayedBy: d.replayedBy,
  };
}

// Exchanges are listed field by field: whatever else a stored record might hold (a header) never leaves.
const attemptView = (a: StoredAttempt) => ({
  number: a.attemptNo,
  startedAt: a.startedAt.toISOString(),
  durationMs: a.durationMs,
  status: a.status,
  warnings: a.warnings,
  ...(a.error === undefined ? {} : { error: a.error }),
  requests: a.requests.map((x) => ({
    method: x.method,
    url: x.url,
    ...(x.body === undefined ? {} : { body: x.body }),
    status: x.status,
    response: x.response ?? null,
    durationMs: x.durationMs,
  })),
});

export const deliveryDetailView = (d: DeliveryDetail) => ({
  ...deliveryView(d),
  event: d.event,
  attemptLog: d.attemptsDetail.map(attemptView),
  replayOf: d.replayOf,
});

export async function findDestination(deps: AdminDeps, id: string): Promise<StoredDestination> {
  const destination = (await deps.store.listDestinations()).find((d) => d.id === id);
  if (destination === undefined) throw notFound('destination', id);
  return destination;
}

/** The names a destination's deliveries can run under now: its mappings, or the presets when it stores none. */
export const mappingNamesOf = (deps: AdminDeps, destination: StoredDestination) =>
  new Set((destination.mappings ?? definitionOf(deps, destination).presets).map((m) => m.name));

interface FilterInput {
  action?: string;
  from?: string;
  to?: string;
  cursor?: string;
}

/**
 * Checks what the schema cannot: a known action of the destination's type (its key, for an alias), a time range in
 * order, our own cursor.
 */
export function checkFilter(input: FilterInput, where: 'querystring' | 'body', destination: Destination) {
  const action = input.action === undefined ? undefined : destination.findAction(input.action)?.key;
  if (input.action !== undefined && action === undefined) {
    const known = destination.actions.map((a) => a.key).join(', ');
    throw invalid(where, 'action', `must be an action key (${known}), not '${input.action}'`);
  }
  const from = input.from === undefined ? undefined : new Date(input.from);
  const to = input.to === undefined ? undefined : new Date(input.to);
  if (from !== undefined && to !== undefined && to.getTime() <= from.getTime()) {
    throw invalid(where, 'to', 'must be later than from');
  }
  if (input.cursor !== undefined && decodeDeliveryCursor(input.cursor) === undefined) {
    throw invalid(where, 'cursor', "must be a previous page's nextCursor");
  }
  return { ...(action ? { action } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
}
