// Checks one Segment call the way Segment's tracking API does and returns a cleaned copy or the first problem found.
import type { FerryIssue } from '../errors.js';
import { LIMITS } from './limits.js';
import { EVENT_TYPES, isEventType, type EventType, type SegmentEvent } from './normalize-event.js';
import { parseTimestamp } from './timestamps.js';

export type Validation = { ok: true; event: SegmentEvent } | { ok: false; issue: FerryIssue };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

type Id = { kind: 'absent' } | { kind: 'id'; id: string } | { kind: 'bad' };

/** Ids are non-empty strings; numbers are accepted and stringified like Segment does; null and "" mean absent. */
function readId(value: unknown): Id {
  if (value === undefined || value === null) return { kind: 'absent' };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'absent' } : { kind: 'id', id: value };
  if (typeof value === 'number' && Number.isFinite(value)) return { kind: 'id', id: String(value) };
  return { kind: 'bad' };
}

const OBJECT_FIELDS = ['properties', 'traits', 'context', 'integrations'] as const;
const DATE_FIELDS = ['timestamp', 'originalTimestamp', 'sentAt'] as const;

function describe(value: unknown): string {
  // JSON.parse reads a number too large for a double (1e400) as Infinity, which JSON.stringify would show as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value}, a number out of range`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

/**
 * Validates `input` as a call of `routeType` (the /v1/<type> route), or of its own `type` (batch items).
 * `at` prefixes every path (`batch[3]`). The returned event never carries a writeKey.
 */
export function validateEvent(input: unknown, routeType: EventType | undefined, at?: string): Validation {
  const path = (field: string) => (at === undefined ? field : `${at}.${field}`);
  const fail = (field: string | undefined, message: string): Validation => ({
    ok: false,
    issue: { code: 'FERRY_ERR_EVENT_INVALID', message, ...(field === undefined ? (at ? { path: at } : {}) : { path: path(field) }) },
  });

  if (!isPlainObject(input)) return fail(undefined, `the event must be a JSON object (got ${describe(input)})`);
  const type = routeType ?? input.type;
  if (input.type === undefined && routeType === undefined) return fail('type', `type is required (one of ${EVENT_TYPES.join(', ')})`);
  if (!isEventType(type)) return fail('type', `type must be one of ${EVENT_TYPES.join(', ')} (got ${describe(input.type)})`);

  const event: SegmentEvent = { ...input, type };
  delete event.writeKey;
  for (const field of ['userId', 'anonymousId', 'groupId', 'previousId'] as const) {
    const id = readId(input[field]);
    if (id.kind === 'bad') return fail(field, `${field} must be a string or a number (got ${describe(input[field])})`);
    if (id.kind === 'id') event[field] = id.id;
    else delete event[field];
  }
  if (event.userId === undefined && event.anonymousId === undefined) {
    return fail('userId', 'userId or anonymousId is required (a non-empty string)');
  }
  if (type === 'track' && (typeof input.event !== 'string' || input.event.trim() === '')) {
    return fail('event', `a track call needs an event name, a non-empty string (got ${describe(input.event)})`);
  }
  if (type === 'group' && event.groupId === undefined) return fail('groupId', 'a group call needs a groupId');
  if (type === 'alias' && event.previousId === undefined) return fail('previousId', 'an alias call needs a previousId');

  for (const field of OBJECT_FIELDS) {
    const value = input[field];
    if (value !== undefined && value !== null && !isPlainObject(value)) {
      return fail(field, `${field} must be a JSON object (got ${describe(value)})`);
    }
  }
  for (const field of DATE_FIELDS) {
    const value = input[field];
    if (value !== undefined && value !== null && parseTimestamp(value) === undefined) {
      return fail(field, `${field} must be an ISO-8601 date or unix time (got ${describe(value)})`);
    }
  }
  const messageId = input.messageId;
  if (messageId !== undefined && messageId !== null && typeof messageId !== 'string') {
    return fail('messageId', `messageId must be a string (got ${describe(messageId)})`);
  }
  if (typeof messageId === 'string' && messageId.length > LIMITS.messageIdLength) {
    return fail('messageId', `messageId must be at most ${LIMITS.messageIdLength} characters (got ${messageId.length})`);
  }
  return { ok: true, event };
}
