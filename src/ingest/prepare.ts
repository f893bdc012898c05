// From a parsed request body to the events to store: validation, batch merging, size checks and normalization.
import { formatBytes, jsonBytesOver } from '../json-measure.js';
import { FerryError, type Rejection } from '../errors.js';
import { LIMITS } from './limits.js';
import { mergeBatchItem } from './merge-batch.js';
import { normalizeEvent, personKeyOf, type EventType, type SegmentEvent } from './normalize-event.js';
import { parseTimestamp } from './timestamps.js';
import { isPlainObject, validateEvent } from './validate-event.js';

export interface PreparedEvent {
  /** Position in the batch (0 for a single call). */
  index: number;
  type: EventType;
  messageId: string;
  /** R17: userId if present, else anonymousId. */
  personKey: string;
  event: SegmentEvent;
}

export interface PreparedBatch {
  events: PreparedEvent[];
  rejected: Rejection[];
  /** Items whose messageId appeared earlier in the same request (kept once). */
  duplicates: number;
}

function prepared(index: number, event: SegmentEvent): PreparedEvent {
  return { index, type: event.type as EventType, messageId: event.messageId as string, personKey: personKeyOf(event), event };
}

/**
 * One call to /v1/<type> (a type left out: the event's own); throws the FerryError to answer with (the body size
 * was checked while reading it). `at` prefixes the path of a problem.
 */
export function prepareEvent(body: unknown, type: EventType | undefined, receivedAt: Date, at?: string): PreparedEvent {
  const result = validateEvent(body, type, at);
  if (!result.ok) throw FerryError.of(result.issue);
  return prepared(0, normalizeEvent(result.event, receivedAt));
}

function checkBatchFields(body: Record<string, unknown>): void {
  for (const key of ['context', 'integrations'] as const) {
    const value = body[key];
    if (value !== undefined && value !== null && !isPlainObject(value)) {
      throw new FerryError('FERRY_ERR_BATCH_INVALID', `the batch's ${key} must be a JSON object`, { path: key });
    }
  }
  if (body.sentAt !== undefined && body.sentAt !== null && parseTimestamp(body.sentAt) === undefined) {
    throw new FerryError('FERRY_ERR_BATCH_INVALID', "the batch's sentAt must be an ISO-8601 date or unix time", { path: 'sentAt' });
  }
}

/**
 * A /v1/batch body: request-level problems (not an object, `batch` not an array, more than 2,500 items, a bad shared
 * field) throw; a bad item is rejected with its index and reason while the others go on.
 */
export function prepareBatch(body: unknown, receivedAt: Date): PreparedBatch {
  if (!isPlainObject(body)) throw new FerryError('FERRY_ERR_BATCH_INVALID', 'the body must be a JSON object with a batch array');
  const items = body.batch;
  if (!Array.isArray(items)) {
    throw new FerryError('FERRY_ERR_BATCH_INVALID', 'batch must be an array of events', { path: 'batch' });
  }
  if (items.length > LIMITS.batchEvents) {
    const message = `the batch has ${items.length.toLocaleString('en-US')} events; at most ${LIMITS.batchEvents.toLocaleString('en-US')} are accepted per request`;
    throw new FerryError('FERRY_ERR_BATCH_TOO_MANY_EVENTS', message, { path: 'batch' });
  }
  checkBatchFields(body);

  const result: PreparedBatch = { events: [], rejected: [], duplicates: 0 };
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const at = `batch[${index}]`;
    const bytes = jsonBytesOver(item, LIMITS.eventBytes);
    if (bytes !== undefined) {
      const message = `the event is ${formatBytes(bytes)}; at most ${formatBytes(LIMITS.eventBytes)} per event`;
      result.rejected.push({ index, code: 'FERRY_ERR_EVENT_TOO_LARGE', message, path: at });
      return;
    }
    const validation = validateEvent(mergeBatchItem(item, body), undefined, at);
    if (!validation.ok) {
      result.rejected.push({ index, ...validation.issue });
      return;
    }
    const event = prepared(index, normalizeEvent(validation.event, receivedAt));
    if (seen.has(event.messageId)) result.duplicates++;
    else {
      seen.add(event.messageId);
      result.events.push(event);
    }
  });
  return result;
}
